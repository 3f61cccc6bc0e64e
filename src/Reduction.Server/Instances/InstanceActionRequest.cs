namespace Reduction.Server.Instances;

/// <summary>Optional body of `POST /api/instances/{id}/cancel`.</summary>
public sealed record InstanceActionRequest(string? Reason);
