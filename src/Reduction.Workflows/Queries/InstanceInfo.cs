using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>An instance as the read side gives it out, without its state.</summary>
public sealed record InstanceInfo(
    Guid Id,
    string DefinitionId,
    int DefinitionVersion,
    InstanceStatus Status,
    string? CorrelationKey,
    Guid? ParentInstanceId,
    string? Incident,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    int Revision);
