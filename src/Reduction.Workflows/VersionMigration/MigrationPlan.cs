using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.VersionMigration;

/// <summary>The move of one instance to another version, worked out from its stored rows without changing them:
/// <see cref="Build"/> decides (preview and apply share it), <see cref="ApplyTo"/> carries it out on the rows a burst
/// holds under the instance lock.
/// <para>Rules: every waiting activity needs a counterpart of the same type (by id, or by the mapping). A waiting
/// IssueTask keeps its tasks; each open task's deadline is recomputed from the target's due rule with the cycle year,
/// anchor and party calendar of the original computation, and its timers are planned by the target exactly as
/// <see cref="IssueTask.PlanTimers"/> plans them for a new task. Nothing that already happened happens again: a
/// reminder or escalation step already sent (by its notice's idempotency key or its fired timer) stays sent; the
/// overdue branch of a task that already turned late does not run again. Of the steps not yet sent, a reminder whose
/// new instant has passed is skipped (reminders are never sent late, as at issue), an escalation whose new instant has
/// passed is sent at once, and so is the overdue transition of a new deadline already passed (as for a task issued
/// after its deadline). Other waiting activities keep their bookmarks and timers.</para></summary>
internal sealed class MigrationPlan
{
    private readonly List<(TaskRecord Task, DateTimeOffset DueAt, DateTimeOffset LateFrom, TaskState Status)> _taskUpdates = [];
    private readonly List<TimerRecord> _cancelled = [];
    private readonly List<TimerRecord> _added = [];
    private readonly Dictionary<string, string> _renames = new(StringComparer.Ordinal);

    private MigrationPlan(Guid instanceId) => InstanceId = instanceId;

    public Guid InstanceId { get; }

    public string? Refusal { get; private set; }

    public List<MigrationChange> Changes { get; } = [];

    public InstanceMigration ToResult(bool? migrated = null) =>
        Refusal is null
            ? new InstanceMigration(InstanceId, true, null, Changes, migrated)
            : new InstanceMigration(InstanceId, false, Refusal, [], migrated);

    public static MigrationPlan Refused(Guid instanceId, string reason) => new(instanceId) { Refusal = reason };

    /// <param name="mapping">Explicit source-to-target ids; others match by id.</param>
    /// <param name="sentKeys">Idempotency keys of the instance's notices (any status): what was already sent.</param>
    public static MigrationPlan Build(
        WorkflowRuntime runtime,
        InstanceRecord instance,
        InstanceState state,
        WorkflowDefinition source,
        WorkflowDefinition target,
        IReadOnlyDictionary<string, string> mapping,
        IReadOnlyList<TaskRecord> tasks,
        IReadOnlyList<TimerRecord> timers,
        IReadOnlySet<string> sentKeys,
        DateTimeOffset now)
    {
        var plan = new MigrationPlan(instance.Id);
        plan.Refusal = RefusalOf(instance, source, target);
        if (plan.Refusal is not null)
        {
            return plan;
        }

        var waiting = state.WaitingActivities.OrderBy(a => a, StringComparer.Ordinal).ToList();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activityId in waiting)
        {
            var from = source.FindActivity(activityId);
            var toId = mapping.TryGetValue(activityId, out var mapped) ? mapped : target.FindActivity(activityId)?.Id;
            var to = toId is null ? null : target.FindActivity(toId);
            if (from is null || to is null)
            {
                return Refused(instance.Id, $"等待中的活动“{Label(from, activityId)}”在目标版本 v{target.Version} 中没有对应活动：已删除或改名，请在映射中指定目标活动。");
            }

            if (!string.Equals(from.Type, to.Type, StringComparison.Ordinal))
            {
                return Refused(instance.Id, $"等待中的活动“{Label(from, activityId)}”（{from.Type}）对应的“{Label(to, to.Id)}”类型不同（{to.Type}），无法迁移。");
            }

            if (!targets.Add(to.Id))
            {
                return Refused(instance.Id, $"两个等待中的活动对应到了同一个目标活动“{Label(to, to.Id)}”，无法迁移。");
            }

            if (!string.Equals(to.Id, activityId, StringComparison.Ordinal))
            {
                plan._renames[activityId] = to.Id;
                plan.Changes.Add(new MigrationChange(MigrationChangeKinds.ActivityMapped, $"等待中的活动“{Label(from, activityId)}”对应到目标版本的“{Label(to, to.Id)}”", activityId, Old: activityId, New: to.Id));
            }

            if (string.Equals(from.Type, "IssueTask", StringComparison.Ordinal))
            {
                var refusal = plan.PlanTasks(runtime, instance, state, from, to, tasks, timers, sentKeys, now);
                if (refusal is not null)
                {
                    return Refused(instance.Id, refusal);
                }
            }
            else
            {
                plan.Changes.Add(new MigrationChange(MigrationChangeKinds.WaitKept, $"活动“{Label(to, to.Id)}”继续等待，书签和定时器不变", to.Id));
            }
        }

        return plan;
    }

    /// <summary>Moves the instance: its version, the renamed activities' state, bookmarks and tasks, the recomputed
    /// deadlines and timers, and a journal entry with every change. The rows are the burst's tracked ones.</summary>
    public void ApplyTo(Burst burst, IReadOnlyList<BookmarkRecord> openBookmarks, IReadOnlyList<TaskRecord> tasks, int fromVersion, int toVersion)
    {
        foreach (var (task, dueAt, lateFrom, status) in _taskUpdates)
        {
            task.DueAt = dueAt;
            task.LateFrom = lateFrom;
            task.Status = status;
            task.Version++;
        }

        foreach (var timer in _cancelled)
        {
            timer.Status = TimerStatus.Cancelled;
        }

        burst.Db.Timers.AddRange(_added);
        burst.NewTimers.AddRange(_added);
        // All renames at once, so that `a → b` beside `b → c` moves both states rather than overwriting one.
        var state = burst.State;
        var moving = _renames.Keys.ToDictionary(from => from, from => state.Activities[from], StringComparer.Ordinal);
        foreach (var from in moving.Keys)
        {
            state.Activities.Remove(from);
        }

        foreach (var (from, to) in _renames)
        {
            state.Activities[to] = moving[from];
        }

        foreach (var bookmark in openBookmarks)
        {
            bookmark.ActivityId = Renamed(bookmark.ActivityId);
        }

        foreach (var task in tasks)
        {
            task.ActivityId = Renamed(task.ActivityId);
        }

        var joins = state.Joins.ToList();
        state.Joins.Clear();
        foreach (var (join, arrivals) in joins)
        {
            state.Joins[Renamed(join)] = arrivals.Select(Renamed).ToList();
        }

        burst.Instance.DefinitionVersion = toVersion;
        var changes = new JsonArray(Changes.Select(c => (JsonNode?)new JsonObject
        {
            ["kind"] = c.Kind,
            ["message"] = c.Message,
            ["activityId"] = c.ActivityId,
            ["taskId"] = c.TaskId?.ToString(),
            ["party"] = c.Party,
            ["old"] = c.Old,
            ["new"] = c.New,
        }).ToArray());
        var summary = Changes.Count == 0 ? "无其他变更" : $"{Changes.Count} 项变更";
        burst.Journal("migrated", $"实例由版本 v{fromVersion} 迁移到版本 v{toVersion}（{summary}）", data: new JsonObject
        {
            ["fromVersion"] = fromVersion,
            ["toVersion"] = toVersion,
            ["mapping"] = new JsonObject(_renames.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)JsonValue.Create(r.Value)))),
            ["changes"] = changes,
        });
    }

    private static string? RefusalOf(InstanceRecord instance, WorkflowDefinition source, WorkflowDefinition target)
    {
        if (!string.Equals(instance.DefinitionId, source.Id, StringComparison.Ordinal))
        {
            return $"实例不属于流程“{source.Id}”。";
        }

        if (instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
        {
            return $"实例已{(instance.Status == InstanceStatus.Completed ? "完成" : "取消")}，已结束的实例不迁移。";
        }

        if (instance.DefinitionVersion == target.Version)
        {
            return $"实例已在目标版本 v{target.Version} 上，无需再迁移。";
        }

        if (instance.DefinitionVersion != source.Version)
        {
            return $"实例运行在版本 v{instance.DefinitionVersion}，不是源版本 v{source.Version}。";
        }

        if (instance.Status == InstanceStatus.Faulted)
        {
            return "实例处于故障状态：请先处理故障并重试，再迁移。";
        }

        return null;
    }

    private string? PlanTasks(
        WorkflowRuntime runtime,
        InstanceRecord instance,
        InstanceState state,
        ActivityNode fromNode,
        ActivityNode toNode,
        IReadOnlyList<TaskRecord> tasks,
        IReadOnlyList<TimerRecord> timers,
        IReadOnlySet<string> sentKeys,
        DateTimeOffset now)
    {
        IssueTask from;
        IssueTask to;
        try
        {
            from = (IssueTask)runtime.Registry.Create(fromNode);
            to = (IssueTask)runtime.Registry.Create(toNode);
        }
        catch (ActivityInputException)
        {
            return $"活动“{Label(toNode, toNode.Id)}”的输入无法读取，无法重新计算期限。";
        }

        var data = state.Activities[fromNode.Id].Data;
        var mine = data["tasks"]?.AsArray().Select(t => Guid.Parse(t!.GetValue<string>())).ToHashSet() ?? [];
        var own = tasks.Where(t => mine.Contains(t.Id)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
        if (own.Count == 0)
        {
            return null;
        }

        int year;
        DateOnly anchor;
        try
        {
            (year, anchor) = OriginalYearAndAnchor(runtime, instance, state, data, from, own[0]);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or Expressions.ExpressionException or OverflowException)
        {
            return $"无法还原活动“{Label(fromNode, fromNode.Id)}”原先计算期限所用的年份或锚定日，无法重新计算期限。";
        }

        var today = BeijingTime.DateOf(now);
        foreach (var task in own)
        {
            var party = runtime.Parties.FindById(task.AssigneePartyId)?.NameOn(today).Name ?? task.AssigneePartyId;
            if (task.ClosedAt is not null || task.Status is TaskState.Submitted or TaskState.Cancelled)
            {
                Changes.Add(new MigrationChange(MigrationChangeKinds.TaskKept, $"{party}的任务“{task.Title}”{(task.Status == TaskState.Submitted ? "已提交" : "已关闭")}，保持不变", toNode.Id, task.Id, task.AssigneePartyId));
                continue;
            }

            Changes.Add(new MigrationChange(MigrationChangeKinds.TaskKept, $"保留{party}的任务“{task.Title}”：任务链接和已提交的内容不变", toNode.Id, task.Id, task.AssigneePartyId));
            Deadline deadline;
            IReadOnlyList<PlannedTaskTimer> planned;
            try
            {
                deadline = to.DeadlineFor(year, anchor, task.CalendarKey, runtime.Calendar);
                planned = to.PlanTimers(deadline, year, task.CalendarKey, runtime.Calendar, now);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or CalendarDataMissingException)
            {
                return $"按目标版本的规则无法计算{party}的任务“{task.Title}”的期限：{e.Message}";
            }

            PlanTask(task, party, toNode.Id, deadline, planned, timers.Where(t => t.TaskId == task.Id).ToList(), sentKeys, now);
        }

        return null;
    }

    private void PlanTask(TaskRecord task, string party, string activityId, Deadline deadline, IReadOnlyList<PlannedTaskTimer> planned, List<TimerRecord> timers, IReadOnlySet<string> sentKeys, DateTimeOffset now)
    {
        var dueAt = deadline.DueInstant.ToUniversalTime();
        var lateFrom = deadline.LateFrom.ToUniversalTime();
        var pending = timers.Where(t => t.Status == TimerStatus.Pending).ToList();
        var status = task.Status;
        var wanted = new List<PlannedTaskTimer>();
        MigrationChange Change(string kind, string message, string? old = null, string? @new = null) =>
            new(kind, message, activityId, task.Id, task.AssigneePartyId, old, @new);

        if (dueAt != task.DueAt)
        {
            Changes.Add(Change(MigrationChangeKinds.DueChanged, $"{party}的期限：{Text(task.DueAt)} → {Text(dueAt)}", Iso(task.DueAt), Iso(dueAt)));
        }

        var dueFired = task.Status == TaskState.Overdue || timers.Any(t => t.Status == TimerStatus.Fired && t.Purpose == PlannedTaskTimer.Due);
        if (dueFired && lateFrom > now)
        {
            status = TaskState.Open;
            wanted.Add(planned.Single(p => p.Purpose == PlannedTaskTimer.Due));
            Changes.Add(Change(MigrationChangeKinds.OverdueLifted, $"{party}的任务按新期限 {Text(dueAt)} 尚未逾期，恢复为办理中；已执行的逾期处理不再重复"));
        }
        else if (!dueFired)
        {
            wanted.Add(planned.Single(p => p.Purpose == PlannedTaskTimer.Due));
            if (lateFrom <= now)
            {
                Changes.Add(Change(MigrationChangeKinds.DuePassed, $"{party}的新期限 {Text(dueAt)} 已过：迁移后立即按逾期处理", null, Iso(dueAt)));
            }
        }

        PlanSteps(PlannedTaskTimer.Reminder, planned, pending, timers, sentKeys, wanted, Change, now, task.Id);
        PlanSteps(PlannedTaskTimer.Escalation, planned, pending, timers, sentKeys, wanted, Change, now, task.Id);
        if (dueAt != task.DueAt || lateFrom != task.LateFrom || status != task.Status)
        {
            _taskUpdates.Add((task, dueAt, lateFrom, status));
        }

        // The task's timers are replaced as a whole, in the order a new task gets them (the due transition before an
        // escalation of the same instant), unless they already are exactly what the target plans.
        var same = pending.Count == wanted.Count && wanted.All(w => pending.Any(p => p.Purpose == w.Purpose && StepOf(p) == w.Step && p.DueAt == w.At.ToUniversalTime()));
        if (same)
        {
            return;
        }

        _cancelled.AddRange(pending);
        foreach (var timer in wanted.OrderBy(w => Order(w.Purpose)).ThenBy(w => w.Step))
        {
            _added.Add(new TimerRecord
            {
                Id = TimerOrder.NewId(),
                InstanceId = task.InstanceId,
                BookmarkId = task.BookmarkId,
                DueAt = timer.At.ToUniversalTime(),
                Status = TimerStatus.Pending,
                Purpose = timer.Purpose,
                PayloadJson = timer.Purpose == PlannedTaskTimer.Due ? "{}" : new JsonObject { ["step"] = timer.Step }.ToJsonString(),
                TaskId = task.Id,
                CreatedAt = now,
            });
        }
    }

    private void PlanSteps(
        string purpose,
        IReadOnlyList<PlannedTaskTimer> planned,
        List<TimerRecord> pending,
        List<TimerRecord> timers,
        IReadOnlySet<string> sentKeys,
        List<PlannedTaskTimer> wanted,
        Func<string, string, string?, string?, MigrationChange> change,
        DateTimeOffset now,
        Guid taskId)
    {
        var reminder = purpose == PlannedTaskTimer.Reminder;
        var name = reminder ? "提醒" : "督办";
        var steps = planned.Where(p => p.Purpose == purpose).ToList();
        foreach (var step in steps)
        {
            var label = $"第 {step.Step + 1} 次{name}";
            var old = pending.Find(t => t.Purpose == purpose && StepOf(t) == step.Step);
            var key = reminder ? IssueTask.ReminderKey(taskId, step.Step) : IssueTask.EscalationKey(taskId, step.Step);
            var fired = timers.Find(t => t.Purpose == purpose && StepOf(t) == step.Step && t.Status == TimerStatus.Fired);
            if (sentKeys.Contains(key) || fired is not null)
            {
                var when = fired?.FiredAt is { } at ? $"已于 {Text(at)} 发出" : "已发出";
                Changes.Add(change(reminder ? MigrationChangeKinds.ReminderAlreadySent : MigrationChangeKinds.EscalationAlreadySent,
                    $"{label}{when}，按新规则（{Text(step.At)}）也不再重发", fired?.FiredAt is { } f ? Iso(f) : null, Iso(step.At)));
                continue;
            }

            if (step.Skipped)
            {
                if (old is not null)
                {
                    Changes.Add(change(MigrationChangeKinds.ReminderSkipped, $"{label}：{Text(old.DueAt)} → {Text(step.At)}，新时间已过或不早于期限，不再补发", Iso(old.DueAt), Iso(step.At)));
                }

                continue;
            }

            wanted.Add(step);
            var dueNow = !reminder && step.At <= now;
            if (old is not null && old.DueAt == step.At.ToUniversalTime())
            {
                continue;
            }

            var kind = (reminder, old is null, dueNow) switch
            {
                (_, _, true) => MigrationChangeKinds.EscalationDueNow,
                (true, true, _) => MigrationChangeKinds.ReminderAdded,
                (true, false, _) => MigrationChangeKinds.ReminderRecomputed,
                (false, true, _) => MigrationChangeKinds.EscalationAdded,
                _ => MigrationChangeKinds.EscalationRecomputed,
            };
            var moved = old is null ? $"新增{label}：{Text(step.At)}" : $"{label}：{Text(old.DueAt)} → {Text(step.At)}";
            Changes.Add(change(kind, dueNow ? $"{moved}，时间已过，迁移后立即发送" : moved, old is null ? null : Iso(old.DueAt), Iso(step.At)));
        }

        foreach (var gone in pending.Where(t => t.Purpose == purpose && StepOf(t) >= steps.Count))
        {
            Changes.Add(change(reminder ? MigrationChangeKinds.ReminderRemoved : MigrationChangeKinds.EscalationRemoved,
                $"目标版本没有第 {StepOf(gone) + 1} 次{name}：原定 {Text(gone.DueAt)} 的{name}取消", Iso(gone.DueAt), null));
        }
    }

    /// <summary>The cycle year and anchor the task's deadline was computed with: stored by IssueTask since migrations
    /// exist; for earlier instances the source's year expression over the variables and its anchor (the day the tasks
    /// were issued, or the anchor expression), as they were evaluated then.</summary>
    private static (int Year, DateOnly Anchor) OriginalYearAndAnchor(WorkflowRuntime runtime, InstanceRecord instance, InstanceState state, JsonObject data, IssueTask from, TaskRecord first)
    {
        var model = (JsonObject)state.Variables.DeepClone();
        model["now"] = BeijingTime.ToBeijing(first.CreatedAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        model["today"] = BeijingTime.DateOf(first.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        model["instance_id"] = instance.Id.ToString();
        var year = data[IssueTask.CycleYearField] is { } storedYear
            ? WaitUntil.ToInt(storedYear)
            : WaitUntil.ToInt(runtime.Expressions.Evaluate(from.Year, model, runtime.ExpressionFunctions));
        string anchorText;
        if (data[IssueTask.AnchorField] is JsonValue storedAnchor && storedAnchor.TryGetValue<string>(out var text))
        {
            anchorText = text;
        }
        else if (from.Anchor is { Length: > 0 } expression)
        {
            anchorText = runtime.Expressions.Evaluate(expression, model, runtime.ExpressionFunctions)!.GetValue<string>();
        }
        else
        {
            anchorText = BeijingTime.DateOf(first.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return (year, DateOnly.ParseExact(anchorText[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private string Renamed(string activityId) => _renames.TryGetValue(activityId, out var to) ? to : activityId;

    private static int StepOf(TimerRecord timer) =>
        timer.PayloadJson is { } json && JsonNode.Parse(json)?["step"] is JsonValue step && step.TryGetValue<int>(out var i) ? i : 0;

    private static int Order(string purpose) => purpose switch
    {
        PlannedTaskTimer.Reminder => 0,
        PlannedTaskTimer.Due => 1,
        _ => 2,
    };

    private static string Label(ActivityNode? node, string id) => node?.DisplayName is { Length: > 0 } name ? $"{name}（{id}）" : id;

    /// <summary>"3月15日 23:59" in Beijing time (the change's old and new values carry the full instant).</summary>
    private static string Text(DateTimeOffset instant) => BeijingTime.ToBeijing(instant).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset instant) => WorkflowFunctions.Iso(instant);
}
