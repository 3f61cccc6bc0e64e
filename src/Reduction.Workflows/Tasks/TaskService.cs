using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.VersionMigration;

namespace Reduction.Workflows.Tasks;

/// <summary>The one way to act on tasks (answer pages, API, CLI): complete, revise, reassign, cancel.
/// Each action is a burst on the task's instance, so parallel clicks serialise and exactly one completion wins.</summary>
public sealed class TaskService(WorkflowRuntime runtime)
{
    public async Task<TaskRecord?> GetAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = runtime.Database.CreateContext();
        return await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
    }

    public async Task<IReadOnlyList<TaskSubmissionRecord>> GetSubmissionsAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = runtime.Database.CreateContext();
        return await db.TaskSubmissions.AsNoTracking().Where(s => s.TaskId == taskId).OrderBy(s => s.Revision).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TaskRecord>> ListAsync(Guid? instanceId = null, string? partyId = null, CancellationToken cancellationToken = default)
    {
        await using var db = runtime.Database.CreateContext();
        var query = db.Tasks.AsNoTracking();
        if (instanceId is { } id)
        {
            query = query.Where(t => t.InstanceId == id);
        }

        if (partyId is not null)
        {
            query = query.Where(t => t.AssigneePartyId == partyId);
        }

        return await query.OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>First answer of a task. A second completion answers <see cref="TaskActionResult.AlreadyCompleted"/>.</summary>
    public Task<TaskActionResult> CompleteAsync(Guid taskId, JsonObject data, string submittedBy, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, (burst, task) =>
        {
            if (task.Status == TaskState.Submitted)
            {
                return TaskActionResult.AlreadyCompleted;
            }

            task.Status = TaskState.Submitted;
            task.SubmittedLate = burst.Now >= task.LateFrom;
            AddRevision(burst, task, data, submittedBy);
            burst.Journal("task-submitted", $"任务“{task.Title}”已由{PartyName(task.AssigneePartyId, burst.Now)}提交{(task.SubmittedLate ? "（逾期提交）" : string.Empty)}", task.ActivityId,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["party"] = task.AssigneePartyId, ["late"] = task.SubmittedLate, ["by"] = submittedBy });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-submitted", Payload(task, data), task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>A further revision of a submitted task that is not yet closed; every revision is kept.</summary>
    public Task<TaskActionResult> ReviseAsync(Guid taskId, JsonObject data, string submittedBy, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, (burst, task) =>
        {
            if (task.Status != TaskState.Submitted)
            {
                return TaskActionResult.Invalid;
            }

            AddRevision(burst, task, data, submittedBy);
            burst.Journal("task-revised", $"任务“{task.Title}”修订为第 {task.Revisions} 版", task.ActivityId, new JsonObject { ["taskId"] = task.Id.ToString(), ["revision"] = task.Revisions });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-revised", Payload(task, data), task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>转办: hands an open task to another party of the same role, or to the EPB (which fills in for a silent
    /// party; the answer stays the original party's). The old party's link stops opening the task (a link opens only
    /// its party's task) and the new party is sent the task with a new link; deadlines keep counting as issued.</summary>
    public Task<TaskActionResult> ReassignAsync(Guid taskId, string partyId, string by, string reason = "", CancellationToken cancellationToken = default) =>
        ActAsync(taskId, async (burst, task) =>
        {
            var party = runtime.Parties.FindByName(partyId);
            if (party is null || task.Status == TaskState.Submitted || party.Id == task.AssigneePartyId
                || runtime.Parties.FindById(task.AssigneePartyId) is not { } current || (current.Role != party.Role && party.Role != PartyRole.Epb))
            {
                return TaskActionResult.Invalid;
            }

            await RevokeLinksAsync(burst, task);
            task.ReassignedFromPartyId = task.AssigneePartyId;
            task.AssigneePartyId = party.Id;
            task.CalendarKey = party.Role == PartyRole.Prefecture ? party.Id : null;
            burst.Journal("task-reassigned", $"任务“{task.Title}”由{PartyName(task.ReassignedFromPartyId, burst.Now)}转办给{PartyName(party.Id, burst.Now)}（{by}）{Because(reason)}", task.ActivityId,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["party"] = party.Id, ["from"] = task.ReassignedFromPartyId, ["by"] = by, ["reason"] = reason });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-reassigned", new JsonObject { ["reason"] = reason }, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>转办 to a named contact of the task's own party: the task stays with the party, its links stop opening it,
    /// and the task notice with a new link goes to that contact's address alone. The caller names a contact the party
    /// registered; when the party's contacts are stored, an address that is not among them is refused.</summary>
    /// <param name="contactName">The contact as users read it on the day (拉萨市环境保护局减排办).</param>
    public Task<TaskActionResult> ReassignToContactAsync(Guid taskId, string contactName, string email, string by, string reason = "", CancellationToken cancellationToken = default) =>
        ActAsync(taskId, async (burst, task) =>
        {
            if (task.Status == TaskState.Submitted)
            {
                return TaskActionResult.AlreadyCompleted;
            }

            if (string.IsNullOrWhiteSpace(email)
                || (runtime.Parties.StoredContactsOf(task.AssigneePartyId) is { } known && !known.Any(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))))
            {
                return TaskActionResult.Invalid;
            }

            await RevokeLinksAsync(burst, task);
            burst.Journal("task-reassigned", $"任务“{task.Title}”转办给 {contactName}（{PartyName(task.AssigneePartyId, burst.Now)}，{by}）{Because(reason)}", task.ActivityId,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["party"] = task.AssigneePartyId, ["contact"] = email, ["contactName"] = contactName, ["by"] = by, ["reason"] = reason });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-reassigned", new JsonObject
            {
                ["reason"] = reason,
                ["contact"] = new JsonObject { ["name"] = contactName, ["email"] = email },
            }, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>撤销: closes an open task without an answer; the activity goes on as for a cancelled task (its
    /// `cancelled` outcome once no live task is left) and the party is told.</summary>
    public Task<TaskActionResult> CancelAsync(Guid taskId, string reason, string by = "", CancellationToken cancellationToken = default) =>
        ActAsync(taskId, (burst, task) =>
        {
            if (task.Status == TaskState.Submitted)
            {
                return TaskActionResult.AlreadyCompleted;
            }

            task.Status = TaskState.Cancelled;
            task.ClosedAt = burst.Now;
            burst.Journal("task-cancelled", $"任务“{task.Title}”已撤销{(by.Length > 0 ? $"（{by}）" : string.Empty)}：{reason}", task.ActivityId,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["party"] = task.AssigneePartyId, ["by"] = by, ["reason"] = reason });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-cancelled", new JsonObject { ["reason"] = reason }, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>催办: a reminder notice to the party now, at most once per task per working day of the party's calendar
    /// (a second urge that day answers <see cref="TaskActionResult.TooSoon"/>).</summary>
    public Task<TaskActionResult> UrgeAsync(Guid taskId, string reason, string by, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, async (burst, task) =>
        {
            if (task.Status == TaskState.Submitted)
            {
                return TaskActionResult.AlreadyCompleted;
            }

            var key = UrgeKey(task, burst.Now);
            if (await burst.Db.Notices.AnyAsync(n => n.IdempotencyKey == key, burst.CancellationToken))
            {
                return TaskActionResult.TooSoon;
            }

            burst.Journal("task-urged", $"催办{PartyName(task.AssigneePartyId, burst.Now)}的任务“{task.Title}”（{by}）{Because(reason)}", task.ActivityId,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["party"] = task.AssigneePartyId, ["by"] = by, ["reason"] = reason });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-urged", new JsonObject { ["key"] = key, ["reason"] = reason }, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>延期: a new deadline for an open task, given as a date (its day read in Beijing time) or as a rule counted
    /// from the current due date in the assignee's calendar (`workdays:+5`). Reminders and escalation steps are planned
    /// again for it as at issue; steps already sent are not sent again (<see cref="TaskRetiming"/>). A deadline that has
    /// already passed answers <see cref="TaskActionResult.Invalid"/>.</summary>
    public Task<TaskActionResult> ExtendAsync(Guid taskId, DateOnly? dueDate, string? rule, string reason, string by, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, async (burst, task) =>
        {
            if (task.Status == TaskState.Submitted)
            {
                return TaskActionResult.AlreadyCompleted;
            }

            if (NewDeadline(burst, task, dueDate, rule) is not { } deadline || deadline.LateFrom <= burst.Now)
            {
                return TaskActionResult.Invalid;
            }

            var old = task.DueAt;
            await RetimeAsync(burst, task, deadline, "task-extended", $"任务“{task.Title}”延期：{TaskRetiming.Text(old)} → {TaskRetiming.Text(deadline.DueInstant)}（{by}）{Because(reason)}", by, reason);
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-extended", new JsonObject { ["reason"] = reason, ["from"] = WorkflowFunctions.Iso(old) }, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>退回: sends a submitted answer back for revision with a new deadline, where the task's activity allows it
    /// (<see cref="IssueTask.AllowReturn"/>) and still waits (a submission that already moved the workflow on cannot be
    /// taken back: <see cref="TaskActionResult.Closed"/>). The task is open again with its reminders and escalations
    /// planned for the new date; the answer stays as a revision and the next one adds another.</summary>
    public Task<TaskActionResult> ReturnAsync(Guid taskId, DateOnly dueDate, string reason, string by, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, async (burst, task) =>
        {
            if (task.Status != TaskState.Submitted)
            {
                return TaskActionResult.Invalid;
            }

            if (ActivityOf(burst, task) is not { AllowReturn: true })
            {
                return TaskActionResult.NotAllowed;
            }

            var deadline = new Deadline(dueDate);
            if (deadline.LateFrom <= burst.Now)
            {
                return TaskActionResult.Invalid;
            }

            task.Status = TaskState.Open;
            task.SubmittedLate = false;
            await RetimeAsync(burst, task, deadline, "task-returned", $"{PartyName(task.AssigneePartyId, burst.Now)}的任务“{task.Title}”退回修改，新期限 {TaskRetiming.Text(deadline.DueInstant)}（{by}）：{reason}", by, reason);
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-returned", new JsonObject { ["reason"] = reason }, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    /// <summary>Idempotency key of the urge notice of a task on the working day of <paramref name="now"/> (a day off
    /// counts as the next working day, so urging on Saturday and again on Monday sends once).</summary>
    public string UrgeKey(TaskRecord task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        var today = BeijingTime.DateOf(now);
        DateOnly day;
        try
        {
            day = runtime.Calendar.NextWorkingDayOnOrAfter(today, task.CalendarKey);
        }
        catch (CalendarDataMissingException)
        {
            day = today;
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{task.Id:N}:urge:{day:yyyy-MM-dd}");
    }

    private Deadline? NewDeadline(Burst burst, TaskRecord task, DateOnly? dueDate, string? rule)
    {
        if (dueDate is { } date)
        {
            return new Deadline(date);
        }

        try
        {
            var parsed = DeadlineRule.Parse(rule ?? string.Empty);
            return parsed.Resolve(new DeadlineContext(CycleYear(burst, task), BeijingTime.DateOf(task.DueAt), task.CalendarKey), runtime.Calendar);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CalendarDataMissingException)
        {
            return null;
        }
    }

    private async Task RetimeAsync(Burst burst, TaskRecord task, Deadline deadline, string eventName, string message, string by, string reason)
    {
        var activity = ActivityOf(burst, task) ?? throw new InvalidOperationException($"task {task.Id} has no IssueTask activity {task.ActivityId}");
        var year = CycleYear(burst, task);
        var planned = activity.PlanTimers(deadline, year, task.CalendarKey, runtime.Calendar, burst.Now);
        var timers = await burst.Db.Timers.Where(t => t.TaskId == task.Id && t.Status != TimerStatus.Cancelled).ToListAsync(burst.CancellationToken);
        var sent = await burst.Db.Notices.AsNoTracking().Where(n => n.TaskId == task.Id).Select(n => n.IdempotencyKey).ToListAsync(burst.CancellationToken);
        var changes = new List<MigrationChange>();
        var timing = new TaskRetiming(changes);
        timing.Plan(task, PartyName(task.AssigneePartyId, burst.Now), task.ActivityId, deadline, planned, timers, sent.ToHashSet(StringComparer.Ordinal), burst.Now);
        var from = task.DueAt;
        timing.ApplyTo(burst);
        burst.Journal(eventName, message, task.ActivityId, new JsonObject
        {
            ["taskId"] = task.Id.ToString(),
            ["party"] = task.AssigneePartyId,
            ["by"] = by,
            ["reason"] = reason,
            ["from"] = WorkflowFunctions.Iso(from),
            ["dueAt"] = WorkflowFunctions.Iso(task.DueAt),
            ["changes"] = new JsonArray(changes.Select(c => (JsonNode?)new JsonObject { ["kind"] = c.Kind, ["message"] = c.Message, ["old"] = c.Old, ["new"] = c.New }).ToArray()),
        });
    }

    private IssueTask? ActivityOf(Burst burst, TaskRecord task)
    {
        try
        {
            return burst.Definition.FindActivity(task.ActivityId) is { Type: "IssueTask" } node ? (IssueTask)runtime.Registry.Create(node) : null;
        }
        catch (ActivityInputException)
        {
            return null;
        }
    }

    /// <summary>The cycle year the task's deadline was computed for (kept by its IssueTask), else the due date's year.</summary>
    private static int CycleYear(Burst burst, TaskRecord task) =>
        burst.State.Activities.TryGetValue(task.ActivityId, out var state) && state.Data[IssueTask.CycleYearField] is JsonValue year && year.TryGetValue<int>(out var y)
            ? y
            : BeijingTime.DateOf(task.DueAt).Year;

    private static string Because(string reason) => reason.Length > 0 ? $"：{reason}" : string.Empty;

    private Task<TaskActionResult> ActAsync(Guid taskId, Func<Burst, TaskRecord, TaskActionResult> action, CancellationToken cancellationToken) =>
        ActAsync(taskId, (burst, task) => Task.FromResult(action(burst, task)), cancellationToken);

    private async Task<TaskActionResult> ActAsync(Guid taskId, Func<Burst, TaskRecord, Task<TaskActionResult>> action, CancellationToken cancellationToken)
    {
        // The task's instance is found and locked in one statement of the burst's own transaction.
        return await runtime.RunBurstAsync((db, token) => runtime.Database.LockInstanceOfTaskAsync(db, taskId, token), taskId, async burst =>
        {
            var task = await burst.FindStoredTaskAsync(taskId) ?? throw new InvalidOperationException($"task {taskId} not found in its instance");
            if (task.ClosedAt is not null || task.Status == TaskState.Cancelled || burst.Instance.Status != InstanceStatus.Running)
            {
                AuditScope.NothingChanged();
                return task.Status == TaskState.Submitted ? TaskActionResult.AlreadyCompleted
                    : task.ClosedAt is null && task.Status != TaskState.Cancelled && burst.Instance.Status is InstanceStatus.Suspended or InstanceStatus.Faulted ? TaskActionResult.Held
                    : TaskActionResult.Closed;
            }

            var result = await action(burst, task);
            if (result == TaskActionResult.Accepted)
            {
                task.Version++;
            }
            else
            {
                AuditScope.NothingChanged();
            }

            return result;
        }, cancellationToken, notFound: TaskActionResult.NotFound);
    }

    private static async Task RevokeLinksAsync(Burst burst, TaskRecord task)
    {
        foreach (var link in await burst.Db.TaskLinks.Where(l => l.TaskId == task.Id && l.RevokedAt == null).ToListAsync(burst.CancellationToken))
        {
            link.RevokedAt = burst.Now;
            link.RevokedReason = "任务已转办 / reassigned";
        }
    }

    // Journal texts name parties as users know them on that day; the ids stay in the entry's data.
    private string PartyName(string? partyId, DateTimeOffset at) =>
        partyId is null ? "（无）" : runtime.Parties.FindById(partyId)?.NameOn(BeijingTime.DateOf(at)).Name ?? partyId;

    private static void AddRevision(Burst burst, TaskRecord task, JsonObject data, string submittedBy)
    {
        task.Revisions++;
        burst.Db.TaskSubmissions.Add(new TaskSubmissionRecord
        {
            Id = Guid.CreateVersion7(),
            TaskId = task.Id,
            Revision = task.Revisions,
            SubmittedAt = burst.Now,
            SubmittedBy = submittedBy,
            DataJson = data.ToJsonString(),
            Late = burst.Now >= task.LateFrom,
        });
    }

    private static JsonObject Payload(TaskRecord task, JsonObject data) => new()
    {
        ["taskId"] = task.Id.ToString(),
        ["party"] = task.AssigneePartyId,
        ["late"] = task.SubmittedLate,
        ["data"] = data.DeepClone(),
    };
}
