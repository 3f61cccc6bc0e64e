namespace Reduction.Server.Sanctions;

/// <summary>Body of `POST /api/sanctions/{id}/lift`: why the lift is started (the prefecture's request) and what the
/// re-verification found.</summary>
public sealed record SanctionLiftRequest(string? Reason, string? Note);
