using System.CommandLine;
using System.Text.Json;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows diff FILE_A FILE_B` or `diff ID --from N [--to M]`: what changed from one version of a
/// definition to another, from two files or from two stored versions.</summary>
internal static class DiffCommand
{
    private static readonly string[] Formats = ["text", "json"];

    public static Command Create()
    {
        var first = new Argument<string>("FILE_A|ID") { Description = "旧版本文件；与 --from 一起使用时为流程标识 / The older version's file; with --from, a definition id." };
        var second = new Argument<string?>("FILE_B")
        {
            Description = "新版本文件（比较两个文件时） / The newer version's file (when comparing files).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var from = new Option<int?>("--from")
        {
            Description = "比较已发布的版本：旧版本号 / Compare stored versions: the older version number.",
            HelpName = "N",
        };
        var to = new Option<int?>("--to")
        {
            Description = "新版本号（缺省为最新版本） / The newer version number (default: the latest).",
            HelpName = "M",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "输出格式：text（默认）或 json / Output format: text (default) or json.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        var store = new StoreOptions();
        var command = new Command(
            "diff",
            "比较流程定义的两个版本：活动（增、删、改及改动的输入）、连接、变量、触发器；版本号不计。"
                + "给两个文件时比较文件；给流程标识和 --from（及 --to）时比较数据库中已发布的版本 / "
                + "Compare two versions of a definition: activities (added, removed, changed with the changed inputs), "
                + "connections, variables, triggers; version numbers are ignored. Two files compare the files; "
                + "a definition id with --from (and --to) compares stored versions.\n"
                + "退出码 / exit codes: 0 已比较（不论有无差异） / compared, with or without differences; "
                + "2 文件、版本或参数无效 / invalid file, version or arguments; 3 数据库不可用 / database unavailable.")
        {
            first,
            second,
            from,
            to,
            format,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var error = parseResult.InvocationConfiguration.Error;
            var chosen = parseResult.GetValue(format);
            if (!Formats.Contains(chosen, StringComparer.Ordinal))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, $"未知的输出格式“{chosen}”，可选：text、json / unknown format '{chosen}'; valid: text, json"));
            }

            var a = parseResult.GetValue(first)!;
            var b = parseResult.GetValue(second);
            var fromVersion = parseResult.GetValue(from);
            var toVersion = parseResult.GetValue(to);
            var output = parseResult.InvocationConfiguration.Output;
            if (fromVersion is null && toVersion is null)
            {
                if (b is null)
                {
                    return Task.FromResult(WorkflowsInput.Invalid(
                        error, "请给出两个文件，或流程标识加 --from / give two files, or a definition id with --from"));
                }

                if (!WorkflowsInput.TryLoad(a, out var before, out var message) || !WorkflowsInput.TryLoad(b, out var after, out message))
                {
                    return Task.FromResult(WorkflowsInput.Invalid(error, message));
                }

                var fileDiff = DefinitionDiff.Compare(before, after);
                Write(output, chosen!, fileDiff, () => DiffTextWriter.Write(a, before, b, after, fileDiff));
                return Task.FromResult(0);
            }

            if (b is not null || fromVersion is null)
            {
                return Task.FromResult(WorkflowsInput.Invalid(
                    error, "比较已发布的版本时请给出一个流程标识和 --from / to compare stored versions give one definition id and --from"));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var before = await workflows.Runtime.Definitions.GetDefinitionAsync(a, fromVersion, cancellationToken);
                var after = await workflows.Runtime.Definitions.GetDefinitionAsync(a, toVersion, cancellationToken);
                var diff = DefinitionDiff.Compare(before, after);
                Write(output, chosen!, diff, () => DiffTextWriter.Write($"{a} 版本 {before.Version}", $"{a} 版本 {after.Version}", before, after, diff));
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static void Write(TextWriter output, string format, DefinitionDiff diff, Func<string> text)
    {
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(diff, DefinitionJson.Options).ReplaceLineEndings("\n"));
        }
        else
        {
            output.Write(text());
        }
    }
}
