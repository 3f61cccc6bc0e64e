using System.CommandLine;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows show INSTANCE_ID`: one instance with its variables, tasks, timers, incident and journal.</summary>
internal static class ShowCommand
{
    private static readonly string[] Formats = ["table", "json"];

    public static Command Create()
    {
        var id = new Argument<string>("INSTANCE_ID") { Description = "实例标识 / Instance id." };
        var format = WorkflowsInput.FormatOption(Formats);
        var store = new StoreOptions();
        var command = new Command(
            "show",
            "显示一个实例：状态、流程与版本、变量、任务（承办单位、类型、期限、状态）、待触发的定时器（用途、到期）、故障，"
                + "以及日志（时间、活动、事件、说明）；时间均为北京时间 / "
                + "Show an instance: status, definition and version, variables, tasks (party, kind, due, status), pending timers "
                + "(purpose, due), incident, and the journal (time, activity, event, message); all times in Beijing time.\n"
                + StoreCommand.ExitCodes)
        {
            id,
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
            if (!WorkflowsInput.TryGetFormat(parseResult, format, Formats, out var chosen, out var message)
                || !WorkflowsInput.TryParseId(parseResult.GetValue(id)!, "实例标识", "instance id", out var instanceId, out message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var report = await InstanceReport.LoadAsync(workflows, instanceId, cancellationToken);
                if (report is null)
                {
                    return WorkflowsInput.Invalid(error, WorkflowsInput.UnknownInstance(instanceId));
                }

                var output = parseResult.InvocationConfiguration.Output;
                if (chosen == "json")
                {
                    output.WriteLine(report.ToJson().ToJsonString(DisplayText.JsonOptions).ReplaceLineEndings("\n"));
                }
                else
                {
                    report.WriteText(output);
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
