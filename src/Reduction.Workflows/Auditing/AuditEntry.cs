namespace Reduction.Workflows.Auditing;

/// <summary>What one audit entry records (before it is chained): who (account, party, client address), did what
/// (action code such as `task.complete`, `signin.failure`, `attachment.read`), to what (kind and id) and how it ended
/// (`success`, `failure`, `denied`).</summary>
public sealed record AuditEntry(
    string User,
    string? Party,
    string? Address,
    string Action,
    string? TargetKind,
    string? TargetId,
    string Outcome = AuditOutcomes.Success,
    string? Detail = null);
