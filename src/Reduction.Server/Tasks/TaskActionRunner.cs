using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Notifications.Links;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tasks;

/// <summary>The operators' actions on a task (催办 urge, 延期 extend, 转办 reassign, 撤销 cancel, 退回 return) as the API
/// and the console's task page both carry them out: the request checked, the task looked up in the caller's scope,
/// the action run by <see cref="TaskService"/>, and the answer as an HTTP status with a message in Chinese.</summary>
public sealed class TaskActionRunner(TaskService tasks, TaskQueries queries, WorkflowRuntime runtime, TaskLinkService links, ContactSource contacts)
{
    public const int MaxReasonLength = 500;

    /// <summary>The action names, as in the routes (`POST /api/tasks/{id}/{action}`).</summary>
    public static IReadOnlyList<string> Actions { get; } = ["urge", "extend", "reassign", "cancel", "return", "reissue-link"];

    /// <summary>Runs <paramref name="action"/>: 200 done, 400 the request cannot be carried out as given, 404 no such task
    /// in <paramref name="scope"/>, 409 the task is closed (or its definition refuses the action), 429 urged already
    /// this working day.</summary>
    public async Task<TaskActionOutcome> RunAsync(string action, Guid id, TaskActionRequest? request, PartyScope scope, string by, CancellationToken cancellationToken)
    {
        var reason = request?.Reason?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            return Bad("请填写原因");
        }

        if (reason.Length > MaxReasonLength)
        {
            return Bad($"原因不能超过 {MaxReasonLength} 字");
        }

        string done;
        string invalid = "该任务当前不能执行此操作";
        Func<Task<TaskActionResult>> run;
        switch (action)
        {
            case "urge":
                done = "已催办，催办函已发出";
                run = () => tasks.UrgeAsync(id, reason, by, cancellationToken);
                break;
            case "extend":
                DateOnly? due = null;
                string? rule = null;
                if (!string.IsNullOrWhiteSpace(request?.Due))
                {
                    if (ParseDue(request.Due) is not { } date)
                    {
                        return Bad("新期限格式不正确：请填写日期（如 2016-03-22）或北京时间时刻（如 2016-03-22T23:59:59+08:00）");
                    }

                    due = date;
                }
                else if (!string.IsNullOrWhiteSpace(request?.Rule))
                {
                    rule = request.Rule.Trim();
                    if (!IsRule(rule))
                    {
                        return Bad($"期限规则“{Clip(rule)}”无法识别：可用 workdays:+5（工作日）、days:+7（自然日）、day:03-22、last-day:03");
                    }
                }
                else
                {
                    return Bad("请填写新期限（due）或期限规则（rule）");
                }

                done = "已延期，提醒和督办已按新期限重新计算";
                invalid = "新期限无法计算或已过：请选择晚于现在的期限（按承办单位的工作日历计算）";
                run = () => tasks.ExtendAsync(id, due, rule, reason, by, cancellationToken);
                break;
            case "reassign":
                if (!string.IsNullOrWhiteSpace(request?.Contact))
                {
                    if (!string.IsNullOrWhiteSpace(request.Party))
                    {
                        return Bad("请只指定接办的单位（party）或本单位的联系人（contact）之一");
                    }

                    if (await queries.FindAsync(scope, id, cancellationToken) is not { } task)
                    {
                        return new TaskActionOutcome(StatusCodes.Status404NotFound, "任务不存在");
                    }

                    var (contact, problem) = FindContact(task.AssigneePartyId, request.Contact.Trim());
                    if (contact is null)
                    {
                        return Bad(problem!);
                    }

                    var contactName = contact.NameOn(BeijingTime.DateOf(runtime.UtcNow()));
                    done = $"已转办给{contactName}（{contact.Email}），原链接已失效，新链接已发给该联系人";
                    invalid = $"“{Clip(contact.Email)}”不是该任务承办单位登记的联系人";
                    run = () => tasks.ReassignToContactAsync(id, contactName, contact.Email, by, reason, cancellationToken);
                    break;
                }

                if (string.IsNullOrWhiteSpace(request?.Party))
                {
                    return Bad("请指定接办的单位（party）或本单位的联系人（contact）");
                }

                if (runtime.Parties.FindByName(request.Party.Trim()) is not { } party)
                {
                    return Bad($"没有单位“{Clip(request.Party.Trim())}”");
                }

                done = $"已转办给{NameOf(party)}，原链接已失效，新链接已发出";
                invalid = "只能转办给同类单位（或区环境保护厅代办），且不能转给当前承办单位";
                run = () => tasks.ReassignAsync(id, party.Id, by, reason, cancellationToken);
                break;
            case "cancel":
                done = "任务已撤销，已通知承办单位";
                run = () => tasks.CancelAsync(id, reason, by, cancellationToken);
                break;
            case "return":
                if (ParseDue(request?.Due) is not { } resubmit)
                {
                    return Bad("请填写重新报送的期限（due），如 2016-04-09");
                }

                done = "已退回修改，承办单位已收到退回通知";
                invalid = "只有已提交、尚未办结的任务可以退回，且新期限须晚于现在";
                run = () => tasks.ReturnAsync(id, resubmit, reason, by, cancellationToken);
                break;
            case "reissue-link":
                done = "新链接已发往承办单位登记的邮箱，原链接已失效";
                run = () => ReissueLinkAsync(id, reason, by, cancellationToken);
                break;
            default:
                return new TaskActionOutcome(StatusCodes.Status404NotFound, "没有此操作");
        }

        if (await queries.FindAsync(scope, id, cancellationToken) is null)
        {
            return new TaskActionOutcome(StatusCodes.Status404NotFound, "任务不存在");
        }

        return await run() switch
        {
            TaskActionResult.Accepted => new TaskActionOutcome(StatusCodes.Status200OK, done),
            TaskActionResult.AlreadyCompleted => new TaskActionOutcome(StatusCodes.Status409Conflict, "该任务已提交，不能再执行此操作"),
            TaskActionResult.Closed => new TaskActionOutcome(StatusCodes.Status409Conflict, "该任务已办结或已撤销，不能再执行此操作"),
            TaskActionResult.Held => new TaskActionOutcome(StatusCodes.Status409Conflict, "该任务所在的流程实例已暂停（或故障待处理），恢复运行后才能办理"),
            TaskActionResult.NotAllowed => new TaskActionOutcome(StatusCodes.Status409Conflict, "该任务所在流程不允许退回：可在流程设计器中为该任务开启“允许退回”"),
            TaskActionResult.TooSoon => new TaskActionOutcome(StatusCodes.Status429TooManyRequests, "该任务今天已催办过：每个任务每个工作日最多催办一次"),
            TaskActionResult.NotFound => new TaskActionOutcome(StatusCodes.Status404NotFound, "任务不存在"),
            _ => Bad(invalid),
        };
    }

    /// <summary>Revokes the task's links and sends a new one to the assignee's registered addresses (a `task-issued`
    /// notice with the task's model), while the task is not closed.</summary>
    private async Task<TaskActionResult> ReissueLinkAsync(Guid id, string reason, string by, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(PartyScope.Everything, id, cancellationToken) is not { } task)
        {
            return TaskActionResult.NotFound;
        }

        // A submitted task still open for revision keeps a link: its party may revise through it.
        if (task.ClosedAt is not null || task.Status == TaskState.Cancelled)
        {
            return TaskActionResult.Closed;
        }

        try
        {
            await links.ReissueAsync(id, $"{by}：{reason}", cancellationToken);
            return TaskActionResult.Accepted;
        }
        catch (InvalidOperationException)
        {
            return TaskActionResult.Closed;
        }
    }

    /// <summary>A date (`2016-03-22`) or an instant with its offset, read as its day in Beijing time.</summary>
    public static DateOnly? ParseDue(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? BeijingTime.DateOf(instant)
            : null;
    }

    private static bool IsRule(string rule)
    {
        try
        {
            DeadlineRule.Parse(rule);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A registered contact of the party, by address or by name (as read today or as entered).</summary>
    private (Contact? Contact, string? Problem) FindContact(string partyId, string given)
    {
        var today = BeijingTime.DateOf(runtime.UtcNow());
        IReadOnlyList<Contact> known;
        try
        {
            known = contacts.Get().For(partyId);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return (null, "联系人数据暂时无法读取，请稍后再试或转办给单位");
        }

        var matches = known.Where(c => string.Equals(c.Email, given, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = [.. known.Where(c => c.NameOn(today) == given || c.Name == given)];
        }

        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, $"“{Clip(given)}”不是该任务承办单位登记的联系人（可用：{string.Join("、", known.Select(c => $"{c.NameOn(today)} {c.Email}"))}）"),
            _ => (null, $"名为“{Clip(given)}”的联系人不止一个：请用邮箱指定"),
        };
    }

    private string NameOf(Party party) => party.NameOn(BeijingTime.DateOf(runtime.UtcNow())).Name;

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static TaskActionOutcome Bad(string message) => new(StatusCodes.Status400BadRequest, message);
}
