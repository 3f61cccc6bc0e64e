namespace Reduction.Server.Workflows;

/// <summary>200 of `PUT /api/workflows/{id}/draft`; the new tag is in the `ETag` header (and here).</summary>
public sealed record DraftSaved(string ETag, string ChangedBy, DateTimeOffset ChangedAt);
