using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

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

    public Task<TaskActionResult> ReassignAsync(Guid taskId, string partyId, string by, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, (burst, task) =>
        {
            var party = runtime.Parties.FindByName(partyId);
            if (party is null || task.Status == TaskState.Submitted)
            {
                return TaskActionResult.Invalid;
            }

            task.ReassignedFromPartyId = task.AssigneePartyId;
            task.AssigneePartyId = party.Id;
            burst.Journal("task-reassigned", $"任务“{task.Title}”由{PartyName(task.ReassignedFromPartyId, burst.Now)}改派给{PartyName(party.Id, burst.Now)}（{by}）", task.ActivityId,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["party"] = party.Id, ["from"] = task.ReassignedFromPartyId, ["by"] = by });
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-reassigned", null, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    public Task<TaskActionResult> CancelAsync(Guid taskId, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(taskId, (burst, task) =>
        {
            if (task.Status == TaskState.Submitted)
            {
                return TaskActionResult.AlreadyCompleted;
            }

            task.Status = TaskState.Cancelled;
            task.ClosedAt = burst.Now;
            burst.Journal("task-cancelled", $"任务“{task.Title}”已取消：{reason}", task.ActivityId);
            burst.ScheduleResume(task.ActivityId, new Resumption(task.BookmarkId, "task-cancelled", null, task.Id));
            return TaskActionResult.Accepted;
        }, cancellationToken);

    private async Task<TaskActionResult> ActAsync(Guid taskId, Func<Burst, TaskRecord, TaskActionResult> action, CancellationToken cancellationToken)
    {
        // The task's instance is found and locked in one statement of the burst's own transaction.
        return await runtime.RunBurstAsync((db, token) => runtime.Database.LockInstanceOfTaskAsync(db, taskId, token), taskId, async burst =>
        {
            var task = await burst.FindStoredTaskAsync(taskId) ?? throw new InvalidOperationException($"task {taskId} not found in its instance");
            if (task.ClosedAt is not null || task.Status == TaskState.Cancelled || burst.Instance.Status != InstanceStatus.Running)
            {
                AuditScope.NothingChanged();
                return task.Status == TaskState.Submitted ? TaskActionResult.AlreadyCompleted : TaskActionResult.Closed;
            }

            var result = action(burst, task);
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
