namespace Reduction.Workflows.Persistence;

/// <summary>The single row holding the audit chain's head (last sequence and hash). Appends lock it, so entries get
/// their sequence one at a time; verification compares it with the last entry, so deleting the newest entries is
/// detected too.</summary>
public sealed class AuditChainHeadRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}
