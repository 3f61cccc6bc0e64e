using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows instances`: the latest instances, optionally of one definition or status.</summary>
internal static class InstancesCommand
{
    private const int Limit = 100;

    private static readonly string[] Formats = ["table", "json"];

    private static readonly string[] Headers = ["实例标识", "流程", "版本", "状态", "关联键", "启动时间", "更新时间"];

    public static Command Create()
    {
        var definition = new Option<string?>("--definition")
        {
            Description = "只列出该流程的实例 / Only instances of this definition.",
            HelpName = "ID",
        };
        var status = new Option<string?>("--status")
        {
            Description = "只列出该状态的实例 / Only instances with this status.",
            HelpName = string.Join("|", DisplayText.InstanceStatusCodes.Keys),
        };
        var format = WorkflowsInput.FormatOption(Formats);
        var store = new StoreOptions();
        var command = new Command(
            "instances",
            $"列出最近启动的实例（至多 {Limit} 个，新的在前）：标识、流程与版本、状态、关联键、启动与更新时间（北京时间） / "
                + $"List the most recently started instances (at most {Limit}, newest first): id, definition and version, status, "
                + "correlation key, started and updated (Beijing time).\n"
                + StoreCommand.ExitCodes)
        {
            definition,
            status,
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
            if (!WorkflowsInput.TryGetFormat(parseResult, format, Formats, out var chosen, out var message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            InstanceStatus? wanted = null;
            if (parseResult.GetValue(status) is { } code)
            {
                if (!DisplayText.InstanceStatusCodes.TryGetValue(code, out var parsed))
                {
                    var valid = DisplayText.InstanceStatusCodes.Keys.ToArray();
                    return Task.FromResult(WorkflowsInput.Invalid(
                        error, $"未知的状态“{code}”，可选：{string.Join("、", valid)} / unknown status '{code}'; valid: {string.Join(", ", valid)}"));
                }

                wanted = parsed;
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var instances = await workflows.Instances.ListAsync(PartyScope.Everything, parseResult.GetValue(definition), wanted, Limit, cancellationToken);
                var output = parseResult.InvocationConfiguration.Output;
                if (chosen == "json")
                {
                    output.WriteLine(new JsonArray(instances.Select(i => (JsonNode)ToJson(i)).ToArray()).ToJsonString(DisplayText.JsonOptions).ReplaceLineEndings("\n"));
                }
                else if (instances.Count == 0)
                {
                    output.WriteLine("没有符合条件的实例。");
                }
                else
                {
                    TextTable.Write(output, Headers, instances.Select(i => (IReadOnlyList<string>)
                    [
                        i.Id.ToString(),
                        i.DefinitionId,
                        i.DefinitionVersion.ToString(CultureInfo.InvariantCulture),
                        DisplayText.Label(i.Status),
                        i.CorrelationKey ?? string.Empty,
                        DisplayText.Time(i.CreatedAt),
                        DisplayText.Time(i.UpdatedAt),
                    ]));
                    output.WriteLine($"共 {instances.Count} 个实例。");
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>The instance's summary fields; statuses as lowercase codes, instants as ISO 8601 in Beijing time.</summary>
    public static JsonObject ToJson(InstanceInfo instance) => new()
    {
        ["id"] = instance.Id.ToString(),
        ["definitionId"] = instance.DefinitionId,
        ["definitionVersion"] = instance.DefinitionVersion,
        ["status"] = DisplayText.Code(instance.Status),
        ["correlationKey"] = instance.CorrelationKey,
        ["parentInstanceId"] = instance.ParentInstanceId?.ToString(),
        ["createdAt"] = DisplayText.Iso(instance.CreatedAt),
        ["updatedAt"] = DisplayText.Iso(instance.UpdatedAt),
        ["finishedAt"] = DisplayText.Iso(instance.FinishedAt),
    };
}
