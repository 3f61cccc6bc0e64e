namespace Reduction.Workflows.Queries;

/// <summary>A faulted instance of the cycle year with its last unhandled error.</summary>
public sealed record OverviewIncident(Guid InstanceId, string DefinitionId, string? Message, DateTimeOffset At);
