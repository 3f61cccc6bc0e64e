namespace Reduction.Server.Workflows;

/// <summary>`GET /api/workflows/{id}/versions`: the draft (null when none) and the versions, newest first.</summary>
public sealed record VersionHistory(string Id, DraftState? Draft, IReadOnlyList<VersionEntry> Versions);
