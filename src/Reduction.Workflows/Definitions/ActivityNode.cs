using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reduction.Workflows.Definitions;

/// <summary>One activity placed in a definition: its type from the registry, its inputs and its place on the canvas.</summary>
public sealed class ActivityNode
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayName { get; set; }

    public Dictionary<string, JsonElement> Inputs { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DesignerPosition? Position { get; set; }
}
