namespace Reduction.Server.Workflows;

/// <summary>412 of `PUT /api/workflows/{id}/draft`: the draft changed since the caller read it, by whom and when.</summary>
public sealed record DraftConflict(string Message, string ChangedBy, DateTimeOffset ChangedAt);
