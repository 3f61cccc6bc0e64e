using System.CommandLine;
using Reduction.Domain.Parties;
using Reduction.Workflows.Execution;

namespace Reduction.Cli.Workflows;

/// <summary>`cancel`, `suspend`, `resume` and `retry`: administrator actions on one instance. Each prints the result;
/// an action the instance's status does not allow changes nothing and exits 1.</summary>
internal static class InstanceActionCommand
{
    public static Command Cancel()
    {
        var reason = ReasonOption("取消原因（记入日志） / Why, recorded in the journal.");
        return Create(
            "cancel",
            "取消实例：关闭其任务与定时器，状态改为已取消；已完成或已取消的实例不变 / "
                + "Cancel an instance: its tasks and timers are closed and it becomes cancelled; a completed or cancelled instance is left as it is.",
            "已取消",
            "已结束的实例不能取消",
            reason,
            (runtime, id, parseResult, cancellationToken) =>
                runtime.CancelAsync(id, parseResult.GetValue(reason) is { Length: > 0 } text ? text : "管理员通过命令行取消", cancellationToken));
    }

    public static Command Suspend()
    {
        var reason = ReasonOption("暂停原因（记入日志） / Why, recorded in the journal.");
        return Create(
            "suspend",
            "暂停运行中的实例：到期的定时器留待恢复后处理 / Suspend a running instance: timers that come due wait until it is resumed.",
            "已暂停",
            "只有运行中的实例可以暂停",
            reason,
            (runtime, id, parseResult, cancellationToken) => runtime.SuspendAsync(id, parseResult.GetValue(reason), cancellationToken));
    }

    public static Command Resume()
    {
        var reason = ReasonOption("恢复说明（记入日志） / A note, recorded in the journal.");
        return Create(
            "resume",
            "恢复已暂停的实例；期间到期的定时器交由服务器立即触发 / Resume a suspended instance; timers that came due meanwhile are handed to the server to fire now.",
            "已恢复运行",
            "只有已暂停的实例可以恢复",
            reason,
            (runtime, id, parseResult, cancellationToken) => runtime.ResumeInstanceAsync(id, parseResult.GetValue(reason), cancellationToken));
    }

    private static Option<string?> ReasonOption(string description) => new("--reason") { Description = description, HelpName = "TEXT" };

    public static Command Retry() => Create(
        "retry",
        "重试故障实例：排除原因（如补录节假日安排）后，从失败的活动继续 / "
            + "Retry a faulted instance from the activity that failed, after the cause is fixed (e.g. a holiday arrangement entered).",
        "已重试",
        "只有故障实例可以重试",
        null,
        (runtime, id, _, cancellationToken) => runtime.RetryAsync(id, cancellationToken));

    private static Command Create(
        string name,
        string description,
        string done,
        string notAllowed,
        Option<string?>? extra,
        Func<WorkflowRuntime, Guid, ParseResult, CancellationToken, Task<bool>> act)
    {
        var id = new Argument<string>("INSTANCE_ID") { Description = "实例标识 / Instance id." };
        var store = new StoreOptions();
        var command = new Command(name, $"{description}\n{StoreCommand.ActionExitCodes}") { id };
        if (extra is not null)
        {
            command.Options.Add(extra);
        }

        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var error = parseResult.InvocationConfiguration.Error;
            if (!WorkflowsInput.TryParseId(parseResult.GetValue(id)!, "实例标识", "instance id", out var instanceId, out var message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var before = await workflows.Instances.FindAsync(PartyScope.Everything, instanceId, cancellationToken);
                if (before is null)
                {
                    return WorkflowsInput.Invalid(error, WorkflowsInput.UnknownInstance(instanceId));
                }

                var output = parseResult.InvocationConfiguration.Output;
                if (await act(workflows.Runtime, instanceId, parseResult, cancellationToken))
                {
                    var after = await workflows.Instances.FindAsync(PartyScope.Everything, instanceId, cancellationToken);
                    output.WriteLine($"{instanceId}  {done}，当前状态：{DisplayText.Label(after!.Status)}");
                    return 0;
                }

                var current = await workflows.Instances.FindAsync(PartyScope.Everything, instanceId, cancellationToken) ?? before;
                output.WriteLine($"{instanceId}  未改变：实例状态为“{DisplayText.Label(current.Status)}”，{notAllowed}");
                return StoreCommand.NotApplied;
            }, cancellationToken);
        });
        return command;
    }
}
