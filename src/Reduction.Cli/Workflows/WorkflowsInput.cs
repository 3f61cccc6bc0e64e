using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>Shared by the workflows commands: reading definition files, rejecting input with exit code 2,
/// and printing validation findings.</summary>
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
