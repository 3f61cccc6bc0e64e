using Reduction.Workflows.Persistence;

namespace Reduction.Server.Audit;

/// <summary>One audit entry as `GET /api/audit` returns it; <see cref="Target"/> is `kind:id`.</summary>
public sealed record AuditEntryView(
    long Sequence,
    DateTimeOffset At,
    string User,
    string? Party,
    string? Address,
    string Action,
    string? Target,
    string Outcome,
    string? Detail,
    string Hash,
    string PreviousHash)
{
    public static AuditEntryView From(AuditRecord r) => new(
        r.Sequence, r.At, r.User, r.Party, r.Address, r.Action,
        r.TargetKind is null ? r.TargetId : r.TargetId is null ? r.TargetKind : $"{r.TargetKind}:{r.TargetId}",
        r.Outcome, r.Detail, r.Hash, r.PreviousHash);
}
