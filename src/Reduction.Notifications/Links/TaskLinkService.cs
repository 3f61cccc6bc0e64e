using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Delivery;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Notifications.Links;

/// <summary>Issues, resolves, revokes and re-issues task links (`{BaseUrl}/t/{token}`). One live link per task and
/// party; it opens the task until the task closes plus the grace period. See <see cref="TaskLinkTokens"/> for why
/// only a hash and a nonce are stored.</summary>
public sealed class TaskLinkService
{
    private readonly WorkflowDatabase _database;
    private readonly TimeProvider _time;
    private readonly TaskLinkOptions _options;
    private readonly NoticeOutbox _outbox;
    private readonly PartyDirectory _parties;
    private readonly OfficialCalendar _calendar;
    private readonly IWorkflowScheduler? _scheduler;
    private readonly Lazy<byte[]> _key;

    public TaskLinkService(
        WorkflowDatabase database,
        TimeProvider time,
        TaskLinkOptions options,
        NoticeOutbox outbox,
        PartyDirectory parties,
        OfficialCalendar calendar,
        IWorkflowScheduler? scheduler = null)
    {
        _database = database;
        _time = time;
        _options = options;
        _outbox = outbox;
        _parties = parties;
        _calendar = calendar;
        _scheduler = scheduler;
        _key = new Lazy<byte[]>(() => TaskLinkKey.Load(options));
    }

    public TimeSpan GracePeriod => _options.GracePeriod;

    /// <summary>The live link of the task's current assignee, created on first use; the same link every time.</summary>
    /// <exception cref="KeyNotFoundException">No such task.</exception>
    /// <exception cref="InvalidOperationException">The task closed longer ago than the grace period.</exception>
    public async Task<TaskLink> IssueAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _database.CreateContext();
            var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
                ?? throw new KeyNotFoundException($"任务不存在 / no task {taskId}");
            var now = _time.GetUtcNow().ToUniversalTime().ToUniversalTime();
            if (IsExpired(task, now))
            {
                throw new InvalidOperationException($"任务已办结，不再发放链接 / task {taskId} closed at {task.ClosedAt:O}");
            }

            var live = await db.TaskLinks.SingleOrDefaultAsync(l => l.TaskId == taskId && l.PartyId == task.AssigneePartyId && l.RevokedAt == null, cancellationToken);
            if (live is not null)
            {
                var token = TaskLinkTokens.Derive(_key.Value, Decode(live.Nonce));
                if (TaskLinkTokens.Hash(token) == live.TokenHash)
                {
                    return Link(live, token);
                }

                // Made with another key (the key was replaced): it still opens the task, but this server cannot show
                // it again, so it gives way to a new one.
                live.RevokedAt = now;
                live.RevokedReason = "密钥已更换 / key replaced";
            }

            var nonce = TaskLinkTokens.NewNonce();
            var fresh = TaskLinkTokens.Derive(_key.Value, nonce);
            var record = new TaskLinkRecord
            {
                Id = Guid.CreateVersion7(),
                TaskId = taskId,
                PartyId = task.AssigneePartyId,
                TokenHash = TaskLinkTokens.Hash(fresh),
                Nonce = TaskLinkTokens.Encode(nonce),
                CreatedAt = now,
            };
            db.TaskLinks.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Link(record, fresh);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Issued concurrently by another delivery (one live link per task and party): take that one.
            }
        }
    }

    /// <summary>What a presented token opens. Never throws for bad input: a malformed token is <see cref="TaskLinkStatus.Invalid"/>.</summary>
    public async Task<TaskLinkResolution> ResolveAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!TaskLinkTokens.TryDecode(token, out var bytes))
        {
            return TaskLinkResolution.Invalid;
        }

        var hash = TaskLinkTokens.Hash(bytes);
        await using var db = _database.CreateContext();
        var link = await db.TaskLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return TaskLinkResolution.Invalid;
        }

        if (link.RevokedAt is not null)
        {
            return TaskLinkResolution.Revoked;
        }

        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == link.TaskId, cancellationToken);
        if (task is null)
        {
            return TaskLinkResolution.Invalid;
        }

        if (task.AssigneePartyId != link.PartyId)
        {
            return TaskLinkResolution.Revoked;
        }

        return IsExpired(task, _time.GetUtcNow().ToUniversalTime().ToUniversalTime())
            ? TaskLinkResolution.Expired
            : TaskLinkResolution.Valid(task.Id, link.PartyId, link.Id);
    }

    /// <summary>Records that link <paramref name="linkId"/> opened its task page now (one statement, no read).</summary>
    public async Task MarkOpenedAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        var now = _time.GetUtcNow().ToUniversalTime();
        await db.TaskLinks.Where(l => l.Id == linkId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastOpenedAt, now).SetProperty(l => l.Opens, l => l.Opens + 1), cancellationToken);
    }

    /// <summary>Revokes the task's live links; returns how many.</summary>
    public async Task<int> RevokeAsync(Guid taskId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        var now = _time.GetUtcNow().ToUniversalTime().ToUniversalTime();
        var text = reason.Length > 200 ? reason[..200] : reason;
        return await db.TaskLinks
            .Where(l => l.TaskId == taskId && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now).SetProperty(l => l.RevokedReason, text), cancellationToken);
    }

    /// <summary>Revokes the task's links and sends a new one to the assignee's registered addresses only (never to
    /// whoever asked): a `task-issued` notice with the original model, whose link is issued when it is rendered.
    /// Returns the queued notice's id.</summary>
    /// <exception cref="KeyNotFoundException">No such task.</exception>
    /// <exception cref="InvalidOperationException">The task is closed.</exception>
    public async Task<Guid> ReissueAsync(Guid taskId, string reason, CancellationToken cancellationToken = default)
    {
        TaskRecord task;
        string? model;
        await using (var db = _database.CreateContext())
        {
            task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
                ?? throw new KeyNotFoundException($"任务不存在 / no task {taskId}");
            model = await db.Notices.AsNoTracking()
                .Where(n => n.TaskId == taskId && n.TemplateKey == "task-issued")
                .OrderByDescending(n => n.CreatedAt)
                .Select(n => n.ModelJson)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (task.ClosedAt is not null)
        {
            throw new InvalidOperationException($"任务已办结，不能重发链接 / task {taskId} is closed");
        }

        await RevokeAsync(taskId, $"重新发放：{reason}", cancellationToken);
        var now = _time.GetUtcNow().ToUniversalTime().ToUniversalTime();
        var notice = new NoticeRecord
        {
            Id = Guid.CreateVersion7(),
            IdempotencyKey = $"{taskId:N}:link-reissued:{Guid.CreateVersion7():N}",
            TemplateKey = "task-issued",
            ModelJson = model ?? ModelOf(task, now).ToJsonString(),
            RecipientRolesJson = "[]",
            RecipientPartiesJson = JsonSerializer.Serialize(new[] { task.AssigneePartyId }),
            InstanceId = task.InstanceId,
            TaskId = task.Id,
            CreatedAt = now,
            Status = NoticeStatus.Pending,
            NextAttemptAt = now,
        };
        await _outbox.QueueAsync(notice, cancellationToken);
        _scheduler?.EnqueueNotice(notice.Id);
        return notice.Id;
    }

    private bool IsExpired(TaskRecord task, DateTimeOffset now) => task.ClosedAt is { } closed && now >= closed + _options.GracePeriod;

    private TaskLink Link(TaskLinkRecord record, byte[] token)
    {
        var text = TaskLinkTokens.Encode(token);
        return new TaskLink(record.Id, record.TaskId, record.PartyId, text, $"{_options.BaseUrl.TrimEnd('/')}/t/{text}");
    }

    private static byte[] Decode(string nonce) =>
        Convert.FromBase64String(nonce.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (nonce.Length % 4)) % 4));

    /// <summary>The task-issued model for a task that never had a task-issued notice (same fields as IssueTask's).</summary>
    private JsonObject ModelOf(TaskRecord task, DateTimeOffset now)
    {
        var today = BeijingTime.DateOf(now);
        var dueDate = BeijingTime.DateOf(task.DueAt);
        var party = _parties.GetById(task.AssigneePartyId);
        var name = party.NameOn(today);
        return new JsonObject
        {
            ["assignee"] = party.Id,
            ["assignee_name"] = name.Name,
            ["assignee_issuing_body"] = name.IssuingBody,
            ["assignee_role"] = PartyRoles.ToCode(party.Role),
            ["task_id"] = task.Id.ToString(),
            ["task_kind"] = task.Kind,
            ["task_title"] = task.Title,
            ["due_at"] = BeijingTime.ToBeijing(task.DueAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["due_date"] = dueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days_left"] = Math.Max(0, dueDate.DayNumber - today.DayNumber),
            ["working_days_left"] = dueDate > today ? _calendar.CountWorkingDays(today.AddDays(1), dueDate, task.CalendarKey) : 0,
            ["year"] = dueDate.Year,
        };
    }
}
