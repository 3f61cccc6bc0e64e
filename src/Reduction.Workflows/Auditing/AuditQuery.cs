namespace Reduction.Workflows.Auditing;

/// <summary>Filters of the audit log page and `GET /api/audit`: instants in [From, To), user and action exact, newest
/// first.</summary>
public sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? User = null, string? Action = null, int Skip = 0, int Take = 100);
