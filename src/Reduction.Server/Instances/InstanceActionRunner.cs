using Reduction.Domain.Parties;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Instances;

/// <summary>The operators' actions on an instance (暂停 suspend, 恢复 resume, 取消 cancel, 重试 retry) as the API and the
/// console's instance page both carry them out: the instance looked up in the caller's scope, the reason checked,
/// the runtime's change made in one burst (journaled with the reason), and the answer as an HTTP status with a
/// message in Chinese and the status the instance has afterwards.</summary>
public sealed class InstanceActionRunner(WorkflowRuntime runtime, InstanceQueries queries)
{
    public const int MaxReasonLength = 500;

    /// <summary>The action names, as in the routes (`POST /api/instances/{id}/{action}`).</summary>
    public static IReadOnlyList<string> Actions { get; } = ["suspend", "resume", "cancel", "retry"];

    /// <summary>Runs <paramref name="action"/>: 200 done, 400 without a reason where one is needed (suspend, cancel),
    /// 404 no such instance in <paramref name="scope"/>, 409 the instance is not in a state the action applies to.</summary>
    public async Task<InstanceActionOutcome> RunAsync(string action, Guid id, string? reason, PartyScope scope, CancellationToken cancellationToken)
    {
        if (!Actions.Contains(action))
        {
            return new InstanceActionOutcome(StatusCodes.Status404NotFound, "没有此操作", null);
        }

        if (await queries.FindAsync(scope, id, cancellationToken) is null)
        {
            return new InstanceActionOutcome(StatusCodes.Status404NotFound, $"实例 {id} 不存在", null);
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) && action is "suspend" or "cancel")
        {
            return new InstanceActionOutcome(StatusCodes.Status400BadRequest, "请填写原因", null);
        }

        if (reason?.Length > MaxReasonLength)
        {
            return new InstanceActionOutcome(StatusCodes.Status400BadRequest, $"原因不能超过 {MaxReasonLength} 字", null);
        }

        var (changed, done, refused) = action switch
        {
            "suspend" => (await runtime.SuspendAsync(id, reason, cancellationToken), "实例已暂停：定时保留，恢复后到期的提醒和督办随即发出", "只有运行中的实例可以暂停"),
            "resume" => (await runtime.ResumeInstanceAsync(id, reason, cancellationToken), "实例已恢复运行", "只有已暂停的实例可以恢复"),
            "cancel" => (await runtime.CancelAsync(id, reason!, cancellationToken), "实例已取消", "实例已结束，无法取消"),
            _ => (await runtime.RetryAsync(id, cancellationToken), "已从失败的活动重新执行", "实例不处于故障状态，无需重试"),
        };
        var status = (await queries.FindAsync(scope, id, cancellationToken))?.Status;
        return changed
            ? new InstanceActionOutcome(StatusCodes.Status200OK, done, status)
            : new InstanceActionOutcome(StatusCodes.Status409Conflict, refused, status);
    }
}

/// <summary>What <see cref="InstanceActionRunner"/> answered: the HTTP status, a zh-CN message, and the instance's
/// status afterwards (null when it was not found or the request was refused before it ran).</summary>
public sealed record InstanceActionOutcome(int Status, string Message, InstanceStatus? InstanceStatus)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;
}
