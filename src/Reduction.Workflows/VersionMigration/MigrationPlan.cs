using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

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
    private readonly TaskRetiming _timing;
    private readonly Dictionary<string, string> _renames = new(StringComparer.Ordinal);

    private MigrationPlan(Guid instanceId)
    {
        InstanceId = instanceId;
        _timing = new TaskRetiming(Changes);
    }

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
        _timing.ApplyTo(burst);
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

            _timing.Plan(task, party, toNode.Id, deadline, planned, timers.Where(t => t.TaskId == task.Id).ToList(), sentKeys, now);
        }

        return null;
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

    private static string Label(ActivityNode? node, string id) => node?.DisplayName is { Length: > 0 } name ? $"{name}（{id}）" : id;
}
