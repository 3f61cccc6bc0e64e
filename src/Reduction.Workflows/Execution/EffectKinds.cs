namespace Reduction.Workflows.Execution;

/// <summary>Kinds of cross-instance effects in the outbox.</summary>
public static class EffectKinds
{
    public const string StartChild = "start-child";
    public const string ResumeBookmark = "resume-bookmark";

    /// <summary>Figures an assessment used, for the emission ledger (written after the burst commits, in the ledger's
    /// own transaction, so SQLite's single writer is never waited on from inside a burst).</summary>
    public const string RecordLedger = "record-ledger";
}
