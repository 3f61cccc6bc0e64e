using Reduction.Workflows.Persistence;

namespace Reduction.Server.Workflows;

/// <summary>The latest published version of a workflow.</summary>
public sealed record WorkflowSummary(string Id, string Name, int Version, DateTimeOffset? PublishedAt)
{
    public static WorkflowSummary From(DefinitionRecord record) => new(record.DefinitionId, record.Name, record.Version, record.PublishedAt);
}
