using System.Text.Json;

namespace Reduction.Workflows.Definitions;

/// <summary>An instance variable: name, type (string, number, boolean, object, array, instant, date) and default.</summary>
public sealed class VariableDefinition
{
    public required string Name { get; set; }

    public string Type { get; set; } = "string";

    public JsonElement? Default { get; set; }

    public string? Description { get; set; }
}
