using System.CommandLine;
using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Workflows.Queries;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows tasks`: human tasks, optionally of one instance or one party.</summary>
internal static class TasksCommand
{
    private static readonly string[] Formats = ["table", "json"];

    private static readonly string[] Headers = ["任务标识", "实例标识", "承办单位", "类型", "标题", "期限（北京时间）", "状态"];

    public static Command Create()
    {
        var instance = new Option<string?>("--instance")
        {
            Description = "只列出该实例的任务 / Only tasks of this instance.",
            HelpName = "INSTANCE_ID",
        };
        var party = new Option<string?>("--party")
        {
            Description = "只列出该单位承办的任务（任一时期的名称或单位标识，如 拉萨市 或 lhasa） / "
                + "Only tasks of this party (any of its names or its id, e.g. 拉萨市 or lhasa).",
            HelpName = "NAME",
        };
        var format = WorkflowsInput.FormatOption(Formats);
        var store = new StoreOptions();
        var command = new Command(
            "tasks",
            "列出人工任务（按下达时间）：标识、实例、承办单位、类型、标题、期限（北京时间）、状态 / "
                + "List human tasks in the order issued: id, instance, party, kind, title, due (Beijing time), status.\n"
                + StoreCommand.ExitCodes)
        {
            instance,
            party,
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

            Guid? instanceId = null;
            if (parseResult.GetValue(instance) is { } text)
            {
                if (!WorkflowsInput.TryParseId(text, "实例标识", "instance id", out var parsed, out message))
                {
                    return Task.FromResult(WorkflowsInput.Invalid(error, message));
                }

                instanceId = parsed;
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                // Party names as the database keeps them (renames entered in the console included).
                string? partyId = null;
                if (parseResult.GetValue(party) is { } name)
                {
                    if (workflows.Parties.FindByName(name) is not { } found)
                    {
                        return WorkflowsInput.Invalid(error, $"未知单位“{name}” / unknown party '{name}'");
                    }

                    partyId = found.Id;
                }

                if (instanceId is { } wanted && await workflows.Instances.FindAsync(PartyScope.Everything, wanted, cancellationToken) is null)
                {
                    return WorkflowsInput.Invalid(error, WorkflowsInput.UnknownInstance(wanted));
                }

                var tasks = await workflows.TaskQueries.ListAsync(PartyScope.Everything, new TaskFilter(instanceId, partyId), cancellationToken);
                var output = parseResult.InvocationConfiguration.Output;
                if (chosen == "json")
                {
                    output.WriteLine(new JsonArray(tasks.Select(t => (JsonNode)ToJson(t, workflows.Parties)).ToArray()).ToJsonString(DisplayText.JsonOptions).ReplaceLineEndings("\n"));
                }
                else if (tasks.Count == 0)
                {
                    output.WriteLine("没有符合条件的任务。");
                }
                else
                {
                    TextTable.Write(output, Headers, tasks.Select(t => (IReadOnlyList<string>)
                    [
                        t.Id.ToString(),
                        t.InstanceId.ToString(),
                        DisplayText.PartyName(workflows.Parties, t.AssigneePartyId, t.DueAt),
                        t.Kind,
                        t.Title,
                        DisplayText.Time(t.DueAt),
                        DisplayText.Label(t.Status) + (t.SubmittedLate ? "（逾期）" : string.Empty),
                    ]));
                    output.WriteLine($"共 {tasks.Count} 项任务。");
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>A task's fields; the status as a lowercase code, instants as ISO 8601 in Beijing time.</summary>
    public static JsonObject ToJson(TaskInfo task, PartyDirectory parties) => new()
    {
        ["id"] = task.Id.ToString(),
        ["instanceId"] = task.InstanceId.ToString(),
        ["activityId"] = task.ActivityId,
        ["kind"] = task.Kind,
        ["title"] = task.Title,
        ["partyId"] = task.AssigneePartyId,
        ["partyName"] = DisplayText.PartyName(parties, task.AssigneePartyId, task.DueAt),
        ["dueAt"] = DisplayText.Iso(task.DueAt),
        ["lateFrom"] = DisplayText.Iso(task.LateFrom),
        ["status"] = DisplayText.Code(task.Status),
        ["submittedLate"] = task.SubmittedLate,
        ["revisions"] = task.Revisions,
        ["reassignedFromPartyId"] = task.ReassignedFromPartyId,
        ["createdAt"] = DisplayText.Iso(task.CreatedAt),
        ["closedAt"] = DisplayText.Iso(task.ClosedAt),
    };
}
