using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>Shared by the workflows commands: reading definition files and JSON options, rejecting input with
/// exit code 2, and printing validation findings.</summary>
internal static class WorkflowsInput
{
    /// <summary>Writes the message to stderr and returns <see cref="CliApp.InvalidInput"/>.</summary>
    public static int Invalid(TextWriter error, string message)
    {
        error.WriteLine(message);
        return CliApp.InvalidInput;
    }

    /// <summary>Stray arguments exit 2 like every other input error, not with the parser's usage code.</summary>
    public static bool TryRejectUnmatched(ParseResult parseResult, out int exitCode)
    {
        exitCode = 0;
        if (parseResult.UnmatchedTokens.Count == 0)
        {
            return false;
        }

        var tokens = string.Join(" ", parseResult.UnmatchedTokens);
        exitCode = Invalid(parseResult.InvocationConfiguration.Error, $"无法识别的参数：{tokens} / unrecognized arguments: {tokens}");
        return true;
    }

    /// <summary>`--format` with the given choices, the first being the default.</summary>
    public static Option<string> FormatOption(params string[] formats) => new("--format", "-f")
    {
        Description = $"输出格式：{string.Join("、", formats)}（缺省 {formats[0]}） / Output format: {string.Join(", ", formats)} (default {formats[0]}).",
        DefaultValueFactory = _ => formats[0],
        HelpName = string.Join("|", formats),
    };

    /// <summary>The chosen format, or a message naming the valid ones.</summary>
    public static bool TryGetFormat(ParseResult parseResult, Option<string> option, string[] formats, [NotNullWhen(true)] out string? chosen, [NotNullWhen(false)] out string? message)
    {
        chosen = parseResult.GetValue(option);
        message = chosen is not null && formats.Contains(chosen, StringComparer.Ordinal)
            ? null
            : $"未知的输出格式“{chosen}”，可选：{string.Join("、", formats)} / unknown format '{chosen}'; valid: {string.Join(", ", formats)}";
        return message is null;
    }

    /// <summary>Files named by the arguments; a folder means its top-level *.json files, in ordinal order.</summary>
    public static bool TryExpandPaths(IEnumerable<string> paths, [NotNullWhen(true)] out List<string>? files, [NotNullWhen(false)] out string? message)
    {
        files = [];
        message = null;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    message = $"目录“{path}”中没有 .json 文件 / no .json files in folder {path}";
                    files = null;
                    return false;
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                message = $"找不到文件或目录“{path}” / no such file or folder: {path}";
                files = null;
                return false;
            }
        }

        files = files.Distinct(StringComparer.Ordinal).ToList();
        return true;
    }

    /// <summary>Parses an option's JSON value (any JSON, including null).</summary>
    public static bool TryParseJson(string text, string optionName, out JsonNode? value, [NotNullWhen(false)] out string? message)
    {
        try
        {
            value = JsonNode.Parse(text);
            message = null;
            return true;
        }
        catch (JsonException e)
        {
            value = null;
            message = $"{optionName} 不是有效的 JSON：{e.Message} / {optionName} is not valid JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>Parses an option's JSON value that must be an object, e.g. `{"year": 2015}`.</summary>
    public static bool TryParseJsonObject(string text, string optionName, [NotNullWhen(true)] out JsonObject? value, [NotNullWhen(false)] out string? message)
    {
        value = null;
        if (!TryParseJson(text, optionName, out var node, out message))
        {
            return false;
        }

        if (node is not JsonObject json)
        {
            message = $"{optionName} 应为 JSON 对象，如 {{\"year\": 2015}} / {optionName} must be a JSON object, e.g. {{\"year\": 2015}}";
            return false;
        }

        value = json;
        return true;
    }

    /// <summary>Parses an instance or task id (a GUID).</summary>
    public static bool TryParseId(string text, string what, string whatEnglish, out Guid id, [NotNullWhen(false)] out string? message)
    {
        message = Guid.TryParse(text, out id) ? null : $"{what}“{text}”无效，应为 GUID / invalid {whatEnglish} '{text}': expected a GUID";
        return message is null;
    }

    public static string UnknownInstance(Guid instanceId) => $"未找到实例“{instanceId}” / no instance {instanceId}";

    public static string UnknownTask(Guid taskId) => $"未找到任务“{taskId}” / no task {taskId}";

    /// <summary>Reads a definition file for commands that need its content (diff); validation is separate.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out WorkflowDefinition? definition, [NotNullWhen(false)] out string? message)
    {
        definition = null;
        if (!File.Exists(path))
        {
            message = $"找不到文件“{path}” / file not found: {path}";
            return false;
        }

        try
        {
            definition = DefinitionJson.Parse(File.ReadAllText(path), path);
            message = null;
            return true;
        }
        catch (DefinitionFormatException e)
        {
            message = e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            message = $"无法读取“{path}” / cannot read {path}: {e.Message}";
        }

        return false;
    }

    /// <summary>One line per finding: `错误|警告 file: 活动 id.property: message`; `file: property: message` outside
    /// activities (triggers, variables); `file: connections[i].x（起点 id）: message` for connections.</summary>
    public static string Format(ValidationMessage message)
    {
        var level = message.IsError ? "错误" : "警告";
        var where = (message.ActivityId, message.Property) switch
        {
            (null, null) => message.File,
            (null, { } property) => $"{message.File}: {property}",
            ({ } id, null) => $"{message.File}: 活动 {id}",
            ({ } id, { } property) when property.StartsWith("connections[", StringComparison.Ordinal) => $"{message.File}: {property}（起点 {id}）",
            ({ } id, { } property) => $"{message.File}: 活动 {id}.{property}",
        };
        return $"{level} {where}: {message.Message}";
    }
}
