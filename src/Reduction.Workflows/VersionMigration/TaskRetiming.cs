using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.VersionMigration;

/// <summary>Moves open tasks to new deadlines: the task's due instant and state, and its timers replaced by those
/// <see cref="IssueTask.PlanTimers"/> plans for the new deadline, without anything that already happened happening
/// again. A migration to another version and an extension by hand (延期, 退回) both go through it, so a task gets the
/// same timers whichever way its deadline moved.
/// <para>A reminder or escalation step already sent (by its notice's idempotency key or its fired timer) stays sent.
/// Of the steps not yet sent, a reminder whose new instant has passed is skipped (reminders are never sent late), an
/// escalation whose new instant has passed is sent at once, and so is the overdue transition of a new deadline that
/// has passed. An overdue task whose new deadline lies ahead is open again; its overdue branch does not run twice.</para>
/// <see cref="Plan"/> only decides (a preview can stop there); <see cref="ApplyTo"/> writes on the burst's rows.</summary>
internal sealed class TaskRetiming(List<MigrationChange> changes)
{
    private readonly List<(TaskRecord Task, DateTimeOffset DueAt, DateTimeOffset LateFrom, TaskState Status)> _taskUpdates = [];
    private readonly List<TimerRecord> _cancelled = [];
    private readonly List<TimerRecord> _added = [];

    private List<MigrationChange> Changes => changes;

    /// <summary>Writes what <see cref="Plan"/> decided on the tracked rows of the burst.</summary>
    public void ApplyTo(Burst burst)
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
    }

    /// <param name="timers">The task's timers (pending and fired; cancelled ones are ignored).</param>
    /// <param name="sentKeys">Idempotency keys of the instance's notices (any status): what was already sent.</param>
    public void Plan(TaskRecord task, string party, string activityId, Deadline deadline, IReadOnlyList<PlannedTaskTimer> planned, List<TimerRecord> timers, IReadOnlySet<string> sentKeys, DateTimeOffset now)
    {
        timers = timers.Where(t => t.Status != TimerStatus.Cancelled).ToList();
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

    internal static int StepOf(TimerRecord timer) =>
        timer.PayloadJson is { } json && JsonNode.Parse(json)?["step"] is JsonValue step && step.TryGetValue<int>(out var i) ? i : 0;

    private static int Order(string purpose) => purpose switch
    {
        PlannedTaskTimer.Reminder => 0,
        PlannedTaskTimer.Due => 1,
        _ => 2,
    };

    /// <summary>"3月15日 23:59" in Beijing time (the change's old and new values carry the full instant).</summary>
    internal static string Text(DateTimeOffset instant) => BeijingTime.ToBeijing(instant).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset instant) => WorkflowFunctions.Iso(instant);
}
