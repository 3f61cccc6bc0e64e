using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Instances;

public sealed record InstanceSummary(
    Guid Id,
    string DefinitionId,
    int DefinitionVersion,
    InstanceStatus Status,
    string? CorrelationKey,
    Guid? ParentInstanceId,
    string? Incident,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static InstanceSummary From(InstanceInfo record) => new(
        record.Id,
        record.DefinitionId,
        record.DefinitionVersion,
        record.Status,
        record.CorrelationKey,
        record.ParentInstanceId,
        record.Incident,
        record.CreatedAt,
        record.UpdatedAt,
        record.FinishedAt);
}
