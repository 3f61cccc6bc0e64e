using System.CommandLine;
using Reduction.Workflows.Tasks;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows complete-task TASK_ID --data JSON`: answers a task as the answer page would.</summary>
internal static class CompleteTaskCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("TASK_ID") { Description = "任务标识 / Task id." };
        var data = new Option<string>("--data")
        {
            Description = "提交的内容（JSON 对象），如 {\"plan\": \"...\"} / The submitted content as a JSON object.",
            Required = true,
            HelpName = "JSON",
        };
        var by = new Option<string>("--by")
        {
            Description = "提交人（记入提交记录；缺省为当前系统用户） / Who submits (recorded with the submission; default: the current OS user).",
            DefaultValueFactory = _ => Environment.UserName,
            HelpName = "NAME",
        };
        var store = new StoreOptions(dataTakenByCommand: true);
        var command = new Command(
            "complete-task",
            "提交任务，打印结果：已受理、已完成过或任务已关闭（后两者未改变任何内容）。"
                + "本命令的 --data 是提交内容，SQLite 文件请用 --db 指定 / "
                + "Complete a task and print the result: 已受理 accepted, 已完成过 already completed or 任务已关闭 closed "
                + "(the last two change nothing). Here --data is the answer: give the SQLite file with --db.\n"
                + StoreCommand.ActionExitCodes)
        {
            id,
            data,
            by,
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
            if (!WorkflowsInput.TryParseId(parseResult.GetValue(id)!, "任务标识", "task id", out var taskId, out var message)
                || !WorkflowsInput.TryParseJsonObject(parseResult.GetValue(data)!, "--data", out var content, out message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            var submittedBy = parseResult.GetValue(by);
            if (string.IsNullOrWhiteSpace(submittedBy))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, "--by 不能为空 / --by is empty"));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var result = await workflows.Tasks.CompleteAsync(taskId, content, submittedBy, cancellationToken);
                if (result == TaskActionResult.NotFound)
                {
                    return WorkflowsInput.Invalid(error, WorkflowsInput.UnknownTask(taskId));
                }

                parseResult.InvocationConfiguration.Output.WriteLine(DisplayText.Label(result));
                return result == TaskActionResult.Accepted ? 0 : StoreCommand.NotApplied;
            }, cancellationToken);
        });
        return command;
    }
}
