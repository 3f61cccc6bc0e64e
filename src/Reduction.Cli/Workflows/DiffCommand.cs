using System.CommandLine;
using System.Text.Json;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows diff FILE_A FILE_B`: what changed from one version of a definition to another.</summary>
internal static class DiffCommand
{
    private static readonly string[] Formats = ["text", "json"];

    public static Command Create()
    {
        var before = new Argument<string>("FILE_A") { Description = "旧版本 / The older version." };
        var after = new Argument<string>("FILE_B") { Description = "新版本 / The newer version." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "输出格式：text（默认）或 json / Output format: text (default) or json.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        var command = new Command(
            "diff",
            "比较流程定义的两个版本：活动（增、删、改及改动的输入）、连接、变量、触发器；版本号不计 / "
                + "Compare two versions of a definition: activities (added, removed, changed with the changed inputs), "
                + "connections, variables, triggers; version numbers are ignored.\n"
                + "退出码 / exit codes: 0 已比较（不论有无差异） / compared, with or without differences; 2 文件无效 / invalid file.")
        {
            before,
            after,
            format,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return rejected;
            }

            var error = parseResult.InvocationConfiguration.Error;
            var chosen = parseResult.GetValue(format);
            if (!Formats.Contains(chosen, StringComparer.Ordinal))
            {
                return WorkflowsInput.Invalid(error, $"未知的输出格式“{chosen}”，可选：text、json / unknown format '{chosen}'; valid: text, json");
            }

            var pathA = parseResult.GetValue(before)!;
            var pathB = parseResult.GetValue(after)!;
            if (!WorkflowsInput.TryLoad(pathA, out var a, out var message) || !WorkflowsInput.TryLoad(pathB, out var b, out message))
            {
                return WorkflowsInput.Invalid(error, message);
            }

            var diff = DefinitionDiff.Compare(a, b);
            var output = parseResult.InvocationConfiguration.Output;
            if (chosen == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(diff, DefinitionJson.Options).ReplaceLineEndings("\n"));
            }
            else
            {
                output.Write(DiffTextWriter.Write(pathA, a, pathB, b, diff));
            }

            return 0;
        });
        return command;
    }
}
