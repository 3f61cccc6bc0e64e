namespace Reduction.Server.Workflows;

/// <summary>Body of `POST /api/workflows/{id}/publish`: the change note recorded with the version.</summary>
public sealed record PublishRequest(string? Note);
