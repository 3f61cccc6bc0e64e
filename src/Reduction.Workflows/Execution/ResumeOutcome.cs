namespace Reduction.Workflows.Execution;

/// <summary>Answer to a resume request. <see cref="AlreadyDone"/> is a harmless, reported no-op.</summary>
public enum ResumeOutcome
{
    Resumed,
    AlreadyDone,
    NotFound,
    InstanceNotRunning,
}
