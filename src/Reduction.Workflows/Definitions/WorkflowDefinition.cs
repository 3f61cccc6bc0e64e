using System.Text.Json.Serialization;

namespace Reduction.Workflows.Definitions;

/// <summary>A workflow as a flowchart: activities joined by connections from a named outcome to the next activity.
/// Stored and exchanged as JSON (see workflows/README.md).</summary>
public sealed class WorkflowDefinition
{
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; set; }

    public required string Id { get; set; }

    /// <summary>Set by publishing; a file may carry the version it was exported from.</summary>
    public int Version { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<VariableDefinition> Variables { get; set; } = [];

    public List<TriggerDefinition> Triggers { get; set; } = [];

    public List<ActivityNode> Activities { get; set; } = [];

    public List<Connection> Connections { get; set; } = [];

    public ActivityNode? FindActivity(string id) => Activities.Find(a => string.Equals(a.Id, id, StringComparison.Ordinal));
}
