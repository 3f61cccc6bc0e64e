namespace Reduction.Server.Workflows;

/// <summary>The started instance, or (<see cref="Created"/> false) the existing one with the same correlation key.</summary>
public sealed record StartInstanceResponse(Guid InstanceId, bool Created);
