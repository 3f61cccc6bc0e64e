namespace Reduction.Workflows.Execution;

/// <summary>Kinds of cross-instance effects in the outbox.</summary>
public static class EffectKinds
{
    public const string StartChild = "start-child";
    public const string ResumeBookmark = "resume-bookmark";
}
