namespace Reduction.Server.Audit;

/// <summary>Body of `GET /api/audit`: newest first.</summary>
public sealed record AuditAnswer(IReadOnlyList<AuditEntryView> Entries);
