using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reduction.Workflows.Definitions;

/// <summary>The one JSON dialect of definitions: camelCase, comments and trailing commas tolerated on read.</summary>
public static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses a definition; malformed JSON raises <see cref="DefinitionFormatException"/> naming the source and position.</summary>
    public static WorkflowDefinition Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new DefinitionFormatException(source, "文件为空 / the file is empty");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" ({e.Path}, line {e.LineNumber + 1})";
            throw new DefinitionFormatException(source, $"JSON 格式错误{where}: {e.Message}");
        }
    }

    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static WorkflowDefinition Clone(WorkflowDefinition definition) => Parse(Serialize(definition), definition.Id);
}
