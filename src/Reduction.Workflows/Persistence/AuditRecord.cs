namespace Reduction.Workflows.Persistence;

/// <summary>One row of the append-only audit log. <see cref="Hash"/> is the SHA-256 over this row's fields and the
/// previous row's hash (<see cref="Auditing.AuditChain"/>), so an edited or deleted row breaks the chain.</summary>
public sealed class AuditRecord
{
    /// <summary>Position in the chain, 1, 2, 3, … without gaps (assigned under the chain lock).</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public required string User { get; set; }

    public string? Party { get; set; }

    public string? Address { get; set; }

    public required string Action { get; set; }

    public string? TargetKind { get; set; }

    public string? TargetId { get; set; }

    public required string Outcome { get; set; }

    public string? Detail { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
