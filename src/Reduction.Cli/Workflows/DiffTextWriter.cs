using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>Writes a <see cref="DefinitionDiff"/> as lines marked `+` added, `-` removed, `~` changed (zh-CN labels).</summary>
internal static class DiffTextWriter
{
    private static readonly JsonSerializerOptions CompactOptions = new(DefinitionJson.Options)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Headers name the two files and the id and version each holds.</summary>
    public static string Write(string pathA, WorkflowDefinition a, string pathB, WorkflowDefinition b, DefinitionDiff diff) =>
        Write($"{pathA}（{a.Id} 版本 {a.Version}）", $"{pathB}（{b.Id} 版本 {b.Version}）", a, b, diff);

    /// <summary>Headers `--- labelA` and `+++ labelB`, then the changes.</summary>
    public static string Write(string labelA, string labelB, WorkflowDefinition a, WorkflowDefinition b, DefinitionDiff diff)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"--- {labelA}\n");
        text.Append(CultureInfo.InvariantCulture, $"+++ {labelB}\n");
        if (diff.IsEmpty)
        {
            text.Append("无差异 / no differences\n");
            return text.ToString();
        }

        foreach (var field in diff.ChangedFields)
        {
            var (old, current) = field switch
            {
                "id" => (a.Id, b.Id),
                "name" => (a.Name, b.Name),
                _ => (a.Description, b.Description),
            };
            text.Append(CultureInfo.InvariantCulture, $"~ {field}：{Quote(old)} → {Quote(current)}\n");
        }

        foreach (var id in diff.AddedActivities)
        {
            text.Append(CultureInfo.InvariantCulture, $"+ 活动 {id}（{b.FindActivity(id)?.Type}）\n");
        }

        foreach (var id in diff.RemovedActivities)
        {
            text.Append(CultureInfo.InvariantCulture, $"- 活动 {id}（{a.FindActivity(id)?.Type}）\n");
        }

        foreach (var change in diff.ChangedActivities)
        {
            var parts = new List<string>();
            if (change.PreviousType is { } previous)
            {
                parts.Add($"类型 {previous} → {change.Type}");
            }

            if (change.ChangedInputs.Count > 0)
            {
                parts.Add($"输入 {string.Join("、", change.ChangedInputs)}");
            }

            if (change.DisplayNameChanged)
            {
                parts.Add("显示名称");
            }

            if (change.PositionChanged)
            {
                parts.Add("位置");
            }

            text.Append(CultureInfo.InvariantCulture, $"~ 活动 {change.Id}（{change.Type}）：{string.Join("；", parts)}\n");
        }

        foreach (var connection in diff.AddedConnections)
        {
            text.Append(CultureInfo.InvariantCulture, $"+ 连接 {Describe(connection)}\n");
        }

        foreach (var connection in diff.RemovedConnections)
        {
            text.Append(CultureInfo.InvariantCulture, $"- 连接 {Describe(connection)}\n");
        }

        foreach (var name in diff.AddedVariables)
        {
            text.Append(CultureInfo.InvariantCulture, $"+ 变量 {name}\n");
        }

        foreach (var name in diff.RemovedVariables)
        {
            text.Append(CultureInfo.InvariantCulture, $"- 变量 {name}\n");
        }

        foreach (var name in diff.ChangedVariables)
        {
            text.Append(CultureInfo.InvariantCulture, $"~ 变量 {name}\n");
        }

        foreach (var trigger in diff.AddedTriggers)
        {
            text.Append(CultureInfo.InvariantCulture, $"+ 触发器 {JsonSerializer.Serialize(trigger, CompactOptions)}\n");
        }

        foreach (var trigger in diff.RemovedTriggers)
        {
            text.Append(CultureInfo.InvariantCulture, $"- 触发器 {JsonSerializer.Serialize(trigger, CompactOptions)}\n");
        }

        return text.ToString();
    }

    private static string Describe(Connection connection) => $"{connection.From} -[{connection.Outcome}]-> {connection.To}";

    private static string Quote(string? value) => value is null ? "（无）" : $"“{value}”";
}
