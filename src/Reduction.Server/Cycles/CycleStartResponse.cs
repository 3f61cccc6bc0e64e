namespace Reduction.Server.Cycles;

/// <summary>Answer of `POST /api/cycles/{year}/start`: the cycle's instance, whether this call created it, and its key.</summary>
public sealed record CycleStartResponse(Guid InstanceId, bool Created, string CorrelationKey);
