using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>Tasks, their answers and attachments as a caller may read them (<see cref="ScopeFilters"/>): out of scope
/// is the same as not there.</summary>
public sealed class TaskQueries(WorkflowDatabase database)
{
    public async Task<IReadOnlyList<TaskInfo>> ListAsync(PartyScope scope, TaskFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        return await Filtered(db, scope, filter ?? TaskFilter.None).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(Info).ToListAsync(cancellationToken);
    }

    /// <summary>The journal entries, notices and links of a task the caller may see; null otherwise.</summary>
    public async Task<TaskHistory?> HistoryAsync(PartyScope scope, Guid taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var task = await db.Tasks.AsNoTracking().VisibleTo(scope).Where(t => t.Id == taskId).Select(t => new { t.InstanceId }).SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return null;
        }

        // Entries name their task in their data (as written by the engine, lower-case): only those are read.
        var marker = $"\"{taskId}\"";
        var journal = (await db.Journal.AsNoTracking().Where(j => j.InstanceId == task.InstanceId && j.DataJson != null && j.DataJson.Contains(marker)).OrderBy(j => j.Id).ToListAsync(cancellationToken))
            .Select(j => new JournalLine(j.Id, j.At, j.ActivityId, j.Event, j.Message, JsonNode.Parse(j.DataJson!)))
            .ToList();
        var notices = (await db.Notices.AsNoTracking().Where(n => n.TaskId == taskId).ToListAsync(cancellationToken))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new TaskNotice(n.Id, n.TemplateKey, Strings(n.RecipientRolesJson), Strings(n.RecipientPartiesJson), n.CreatedAt, n.Status, n.Attempts, n.SentAt, n.LastError))
            .ToList();
        var links = (await db.TaskLinks.AsNoTracking().Where(l => l.TaskId == taskId).ToListAsync(cancellationToken))
            .OrderBy(l => l.CreatedAt)
            .Select(l => new TaskLinkInfo(l.PartyId, l.CreatedAt, l.RevokedAt, l.RevokedReason, l.LastOpenedAt, l.Opens))
            .ToList();
        return new TaskHistory(journal, notices, links);
    }

    private static string[] Strings(string json) => System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>One page of the tasks the caller sees, the latest deadlines first, with the number of all that match.</summary>
    public async Task<TaskPage> PageAsync(PartyScope scope, TaskFilter? filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = Filtered(db, scope, filter ?? TaskFilter.None);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(t => t.DueAt).ThenBy(t => t.AssigneePartyId).ThenBy(t => t.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).Select(Info).ToListAsync(cancellationToken);
        return new TaskPage(items, total);
    }

    private static IQueryable<TaskRecord> Filtered(WorkflowDbContext db, PartyScope scope, TaskFilter filter)
    {
        var query = db.Tasks.AsNoTracking().VisibleTo(scope);
        if (filter.InstanceId is { } instanceId)
        {
            query = query.Where(t => t.InstanceId == instanceId);
        }

        if (filter.AssigneePartyId is { } party)
        {
            query = query.Where(t => t.AssigneePartyId == party);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(t => t.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (filter.Overdue)
        {
            query = query.Where(t => t.Status == TaskState.Overdue);
        }

        if (filter.DueFrom is { } from)
        {
            var utc = from.ToUniversalTime();
            query = query.Where(t => t.DueAt >= utc);
        }

        if (filter.DueTo is { } to)
        {
            var utc = to.ToUniversalTime();
            query = query.Where(t => t.DueAt < utc);
        }

        return query;
    }

    /// <summary>The task without its answers; null when there is none or the caller may not see it.</summary>
    public async Task<TaskInfo?> FindAsync(PartyScope scope, Guid taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        return await db.Tasks.AsNoTracking().VisibleTo(scope).Where(t => t.Id == taskId).Select(Info).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The task with every revision of its answer; null when there is none or the caller may not see it.</summary>
    public async Task<TaskDetail?> GetAsync(PartyScope scope, Guid taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var task = await db.Tasks.AsNoTracking().VisibleTo(scope).Where(t => t.Id == taskId).Select(Info).SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return null;
        }

        var submissions = await db.TaskSubmissions.AsNoTracking().Where(s => s.TaskId == taskId).OrderBy(s => s.Revision).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking()
            .Where(t => t.TaskId == taskId && (t.Purpose == PlannedTaskTimer.Reminder || t.Purpose == PlannedTaskTimer.Escalation))
            .ToListAsync(cancellationToken);
        return new TaskDetail(task, submissions.Select(ToInfo).ToList(), Steps(timers, PlannedTaskTimer.Reminder), Steps(timers, PlannedTaskTimer.Escalation));
    }

    /// <summary>One entry per step: the fired timer if the step was sent, else the pending one, else the latest
    /// cancelled one (a deadline moved by hand or by a migration cancels a step's timer and plans a new one).</summary>
    private static List<TaskStep> Steps(List<TimerRecord> timers, string purpose) =>
        timers.Where(t => t.Purpose == purpose)
            .GroupBy(VersionMigration.TaskRetiming.StepOf)
            .OrderBy(g => g.Key)
            .Select(g =>
                g.FirstOrDefault(t => t.Status == TimerStatus.Fired) is { } fired ? new TaskStep(g.Key, fired.FiredAt ?? fired.DueAt, TaskStep.Sent)
                : g.FirstOrDefault(t => t.Status == TimerStatus.Pending) is { } pending ? new TaskStep(g.Key, pending.DueAt, TaskStep.Pending)
                : new TaskStep(g.Key, g.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Last().DueAt, TaskStep.Cancelled))
            .ToList();

    /// <summary>Every revision of a task's answer, oldest first; empty when the caller may not see the task.</summary>
    public async Task<IReadOnlyList<SubmissionInfo>> GetSubmissionsAsync(PartyScope scope, Guid taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var visible = db.Tasks.VisibleTo(scope);
        var submissions = await db.TaskSubmissions.AsNoTracking()
            .Where(s => s.TaskId == taskId && visible.Any(t => t.Id == s.TaskId))
            .OrderBy(s => s.Revision)
            .ToListAsync(cancellationToken);
        return submissions.Select(ToInfo).ToList();
    }

    /// <summary>One revision; null when there is none or the caller may not see its task.</summary>
    public async Task<SubmissionInfo?> GetSubmissionAsync(PartyScope scope, Guid taskId, int revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var visible = db.Tasks.VisibleTo(scope);
        var submission = await db.TaskSubmissions.AsNoTracking()
            .Where(s => s.TaskId == taskId && s.Revision == revision && visible.Any(t => t.Id == s.TaskId))
            .SingleOrDefaultAsync(cancellationToken);
        return submission is null ? null : ToInfo(submission);
    }

    /// <summary>The attachments a revision's answer references; empty when there are none or the caller may not see
    /// the task.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> GetAttachmentsAsync(PartyScope scope, Guid taskId, int revision, CancellationToken cancellationToken = default)
    {
        if (await GetSubmissionAsync(scope, taskId, revision, cancellationToken) is not { } submission)
        {
            return [];
        }

        return (submission.Data["attachments"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select((a, i) => new AttachmentInfo(
                taskId,
                revision,
                i + 1,
                a["name"]?.GetValue<string>() ?? string.Empty,
                a["size"]?.GetValue<long>() ?? 0,
                a["sha256"]?.GetValue<string>() ?? string.Empty,
                a["contentType"]?.GetValue<string>() ?? "application/octet-stream"))
            .ToList();
    }

    private static readonly System.Linq.Expressions.Expression<Func<TaskRecord, TaskInfo>> Info = t => new TaskInfo(
        t.Id, t.InstanceId, t.ActivityId, t.Kind, t.Title, t.AssigneePartyId, t.Status, t.DueAt, t.LateFrom, t.Revisions, t.SubmittedLate, t.ReassignedFromPartyId, t.CreatedAt, t.ClosedAt);

    private static SubmissionInfo ToInfo(TaskSubmissionRecord record) =>
        new(record.TaskId, record.Revision, record.SubmittedAt, record.SubmittedBy, JsonNode.Parse(record.DataJson) as JsonObject ?? [], record.Late);
}
