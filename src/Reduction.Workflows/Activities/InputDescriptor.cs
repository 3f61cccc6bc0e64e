using System.Text.Json.Serialization;

namespace Reduction.Workflows.Activities;

/// <summary>One typed input of an activity: JSON name, zh-CN label, editor hint and JSON type
/// (string, integer, number, boolean, array, object).</summary>
public sealed record InputDescriptor(
    string Name,
    string DisplayName,
    string? Description,
    string UIHint,
    string JsonType,
    bool Required,
    IReadOnlyList<string>? Options)
{
    [JsonIgnore]
    internal System.Reflection.PropertyInfo Property { get; init; } = null!;
}
