using System.CommandLine;
using Reduction.Domain.Parties;
using Reduction.Server.Answers.Forms;
using Reduction.Workflows.Persistence;
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
            Description = "提交的内容（JSON 对象），如 {\"summary\": \"...\"}，格式与任务页面保存的相同 / The answer as a JSON object, shaped as the task page stores it.",
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
            "提交任务，打印结果：已受理、已完成过或任务已关闭（后两者未改变任何内容）。答复按任务页面的表单检查，无效时列出各字段的错误，不提交（退出码 2）。"
                + "本命令的 --data 是提交内容，SQLite 文件请用 --db 指定 / "
                + "Complete a task and print the result: 已受理 accepted, 已完成过 already completed or 任务已关闭 closed "
                + "(the last two change nothing). The answer is checked as the task page's form checks it; an invalid one is "
                + "refused with the fields in error (exit 2). Here --data is the answer: give the SQLite file with --db.\n"
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
                var task = await workflows.Tasks.GetAsync(taskId, cancellationToken);
                if (task is null)
                {
                    return WorkflowsInput.Invalid(error, WorkflowsInput.UnknownTask(taskId));
                }

                if (task is { ClosedAt: null, Status: TaskState.Open or TaskState.Overdue })
                {
                    // The same check as the task page and the API; an answered or closed task keeps its exit 1 below.
                    var instance = await workflows.Instances.GetAsync(PartyScope.Everything, task.InstanceId, cancellationToken);
                    var variables = instance?.Variables ?? [];
                    var (answer, errors) = TaskAnswerCheck.Check(task.Kind, content, TaskAnswerCheck.ContextOf(task, variables, workflows.Parties, await workflows.Runtime.PlanPeriods.GetCatalogAsync(cancellationToken)));
                    if (answer is null)
                    {
                        return WorkflowsInput.Invalid(error, $"{TaskAnswerCheck.Summary(errors)} / invalid answer, nothing submitted (fields: {string.Join(", ", errors.Select(e => e.Field.Length == 0 ? "-" : e.Field))})");
                    }

                    content = answer;
                }

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
