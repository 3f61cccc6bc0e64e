namespace Reduction.Workflows.Execution;

/// <summary>The instance started, or the existing one with the same correlation key (<see cref="Created"/> false).</summary>
public sealed record StartResult(Guid InstanceId, bool Created);
