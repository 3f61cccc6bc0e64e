using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reduction.Workflows.Activities;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows activities`: the activity types a definition may use, from the registry.</summary>
internal static class ActivitiesCommand
{
    private static readonly string[] Formats = ["table", "json"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "输出格式：table（默认）或 json / Output format: table (default) or json.",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json",
        };
        var command = new Command(
            "activities",
            "列出可用的活动类型：分类、名称、说明、输入（类型、编辑器、是否必填）、结果、是否等待 / "
                + "List the activity types: category, name, description, inputs (type, editor, required), outcomes, whether it waits.")
        {
            format,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return rejected;
            }

            var chosen = parseResult.GetValue(format);
            if (!Formats.Contains(chosen, StringComparer.Ordinal))
            {
                return WorkflowsInput.Invalid(
                    parseResult.InvocationConfiguration.Error,
                    $"未知的输出格式“{chosen}”，可选：table、json / unknown format '{chosen}'; valid: table, json");
            }

            var descriptors = ActivityRegistry.Default.Descriptors
                .OrderBy(d => d.Category, StringComparer.Ordinal)
                .ThenBy(d => d.Type, StringComparer.Ordinal)
                .ToList();
            var output = parseResult.InvocationConfiguration.Output;
            if (chosen == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(descriptors, JsonOptions).ReplaceLineEndings("\n"));
            }
            else
            {
                output.Write(ActivityTableWriter.Write(descriptors));
            }

            return 0;
        });
        return command;
    }
}
