namespace Reduction.Server.Instances;

/// <summary>Optional body of `POST /api/instances/{id}/suspend|resume|cancel|retry`: the reason goes into the journal.</summary>
public sealed record InstanceActionRequest(string? Reason);
