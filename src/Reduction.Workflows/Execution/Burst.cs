using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Execution;

/// <summary>One step of an instance, from load to commit: runs activities until every path waits or ends,
/// collecting state, journal, bookmarks, timers, tasks and outbox rows for a single transaction.</summary>
internal sealed class Burst
{
    private const int MaxStepsPerBurst = 10_000;
    private readonly Queue<WorkItem> _queue = new();
    private List<BookmarkRecord>? _openBookmarks;
    private List<TimerRecord>? _pendingTimers;
    private List<TaskRecord>? _storedTasks;

    /// <param name="newInstance">The instance is being created in this burst: it has no stored bookmarks or timers to load.</param>
    public Burst(WorkflowRuntime runtime, WorkflowDbContext db, InstanceRecord instance, WorkflowDefinition definition, CancellationToken cancellationToken, bool newInstance = false)
    {
        if (newInstance)
        {
            _openBookmarks = [];
            _pendingTimers = [];
            _storedTasks = [];
        }

        Runtime = runtime;
        Db = db;
        Instance = instance;
        Definition = definition;
        State = InstanceState.Parse(instance.StateJson);
        Now = runtime.UtcNow();
        CancellationToken = cancellationToken;
    }

    public WorkflowRuntime Runtime { get; }

    public WorkflowDbContext Db { get; }

    public InstanceRecord Instance { get; }

    public WorkflowDefinition Definition { get; }

    public InstanceState State { get; }

    public DateTimeOffset Now { get; }

    public CancellationToken CancellationToken { get; }

    public List<TimerRecord> NewTimers { get; } = [];

    public List<EffectRecord> NewEffects { get; } = [];

    public List<NoticeRecord> NewNotices { get; } = [];

    public void Schedule(string activityId, string? from = null) => _queue.Enqueue(new WorkItem(activityId, from, null));

    public void ScheduleResume(string activityId, Resumption resumption) => _queue.Enqueue(new WorkItem(activityId, null, resumption));

    public void Journal(string eventName, string message, string? activityId = null, JsonNode? data = null) =>
        Db.Journal.Add(new JournalRecord
        {
            InstanceId = Instance.Id,
            At = Now,
            ActivityId = activityId,
            Event = eventName,
            Message = message,
            DataJson = data?.ToJsonString(),
        });

    /// <summary>Runs queued work until nothing is runnable, then settles the instance status.</summary>
    public async Task RunAsync()
    {
        var steps = 0;
        while (_queue.Count > 0 && Instance.Status == InstanceStatus.Running)
        {
            if (++steps > MaxStepsPerBurst)
            {
                Fault(null, $"一次推进超过 {MaxStepsPerBurst} 步，疑似无等待的循环 / more than {MaxStepsPerBurst} steps in one burst: a loop without a wait?");
                break;
            }

            await StepAsync(_queue.Dequeue());
            if (_queue.Count == 0)
            {
                ScheduleSettledJoins();
            }
        }

        if (Instance.Status == InstanceStatus.Running && !State.WaitingActivities.Any() && State.FaultedActivity is null)
        {
            await FinishAsync(InstanceStatus.Completed, "实例已完成 / instance completed");
        }
    }

    /// <summary>True when some activity that is queued or waiting (other than <paramref name="joinId"/>) can still lead to it.</summary>
    public bool CanStillReach(string joinId)
    {
        var frontier = new Queue<string>(_queue.Select(w => w.ActivityId)
            .Concat(State.WaitingActivities)
            .Where(id => !string.Equals(id, joinId, StringComparison.Ordinal)));
        var seen = new HashSet<string>(frontier, StringComparer.Ordinal);
        while (frontier.TryDequeue(out var id))
        {
            foreach (var connection in Definition.Connections)
            {
                if (!string.Equals(connection.From, id, StringComparison.Ordinal))
                {
                    continue;
                }

                if (string.Equals(connection.To, joinId, StringComparison.Ordinal))
                {
                    return true;
                }

                if (seen.Add(connection.To))
                {
                    frontier.Enqueue(connection.To);
                }
            }
        }

        return false;
    }

    // A Join waiting for `all` completes once no live branch can still reach it (alternatives of an If never arrive).
    private void ScheduleSettledJoins()
    {
        foreach (var joinId in State.Joins.Keys.ToList())
        {
            if (State.Activities.TryGetValue(joinId, out var state) && state.Status == "waiting" && !CanStillReach(joinId))
            {
                _queue.Enqueue(new WorkItem(joinId, null, new Resumption(Guid.Empty, "join-check")));
            }
        }
    }

    private async Task StepAsync(WorkItem item)
    {
        var node = Definition.FindActivity(item.ActivityId);
        if (node is null)
        {
            Fault(item.ActivityId, $"定义中没有活动 {item.ActivityId} / no activity {item.ActivityId} in the definition");
            return;
        }

        var state = State.For(node.Id);
        if (item.Resumption is null && !string.Equals(node.Type, "Join", StringComparison.Ordinal))
        {
            state.Executions++;
            state.Data = [];
        }
        else if (item.Resumption is null && state.Executions == 0)
        {
            state.Executions = 1;
        }

        state.Status = "waiting";
        var context = new ActivityExecutionContext(this, node, state, item.From);
        try
        {
            var activity = Runtime.Registry.Create(node);
            if (item.Resumption is { Kind: not "retry" } resumption)
            {
                await activity.ResumeAsync(context, resumption);
            }
            else
            {
                await activity.ExecuteAsync(context);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HandleIncident(node, state, item, e);
            return;
        }

        state.FailedAttempts = 0;
        Apply(context);
        if (context.EndsInstance)
        {
            state.Status = "completed";
            await FinishAsync(InstanceStatus.Completed, "结束活动完成了实例 / End reached");
            return;
        }

        foreach (var outcome in context.EmittedOutcomes)
        {
            ScheduleSuccessors(node.Id, outcome);
        }

        if (context.IsCompleted)
        {
            state.Status = "completed";
            await CloseActivityAsync(node.Id);
            Journal("activity-completed", $"{Label(node)} 完成，结果：{string.Join("、", context.Outcomes)}", node.Id,
                new JsonObject { ["outcomes"] = new JsonArray(context.Outcomes.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()) });
            foreach (var outcome in context.Outcomes)
            {
                ScheduleSuccessors(node.Id, outcome);
            }
        }
    }

    private void Apply(ActivityExecutionContext context)
    {
        Db.Bookmarks.AddRange(context.NewBookmarks);
        Db.Timers.AddRange(context.NewTimers);
        Db.Tasks.AddRange(context.NewTasks);
        Db.Notices.AddRange(context.NewNotices);
        Db.Effects.AddRange(context.NewEffects);
        Db.Journal.AddRange(context.NewJournal);
        Db.Sanctions.AddRange(context.NewSanctions);
        NewTimers.AddRange(context.NewTimers);
        NewEffects.AddRange(context.NewEffects);
        NewNotices.AddRange(context.NewNotices);
    }

    private void ScheduleSuccessors(string activityId, string outcome)
    {
        foreach (var connection in Definition.Connections)
        {
            if (string.Equals(connection.From, activityId, StringComparison.Ordinal) && string.Equals(connection.Outcome, outcome, StringComparison.Ordinal))
            {
                Schedule(connection.To, activityId);
            }
        }
    }

    private void HandleIncident(ActivityNode node, ActivityState state, WorkItem item, Exception error)
    {
        state.FailedAttempts++;
        var policy = Runtime.Options.Retry;
        var data = new JsonObject { ["error"] = error.Message, ["type"] = error.GetType().Name, ["attempt"] = state.FailedAttempts };
        if (item.Resumption is { Kind: not "retry" } failedResumption)
        {
            state.Data["pendingResumption"] = System.Text.Json.JsonSerializer.SerializeToNode(failedResumption);
        }

        if (state.FailedAttempts < policy.MaxAttempts)
        {
            var delay = policy.DelayFor(state.FailedAttempts);
            Journal("incident", $"{Label(node)} 第 {state.FailedAttempts} 次执行失败，{delay.TotalSeconds:0} 秒后重试：{error.Message}", node.Id, data);
            var bookmark = new BookmarkRecord
            {
                Id = Guid.CreateVersion7(),
                InstanceId = Instance.Id,
                ActivityId = node.Id,
                Kind = "retry",
                CreatedAt = Now,
            };
            var timer = new TimerRecord
            {
                Id = TimerOrder.NewId(),
                InstanceId = Instance.Id,
                BookmarkId = bookmark.Id,
                DueAt = Now + delay,
                Purpose = "retry",
                Status = TimerStatus.Pending,
                CreatedAt = Now,
            };
            Db.Bookmarks.Add(bookmark);
            Db.Timers.Add(timer);
            NewTimers.Add(timer);
            state.Status = "waiting";
            return;
        }

        state.Status = "faulted";
        Fault(node.Id, $"{Label(node)} 连续失败 {state.FailedAttempts} 次，实例转为故障：{error.Message}", data);
    }

    private void Fault(string? activityId, string message, JsonNode? data = null)
    {
        Instance.Status = InstanceStatus.Faulted;
        Instance.Incident = message;
        State.FaultedActivity = activityId;
        Journal("faulted", message, activityId, data);
    }

    /// <summary>Consumes the activity's bookmarks and cancels its pending timers.</summary>
    public async Task CloseActivityAsync(string activityId)
    {
        var bookmarks = (await OpenBookmarksAsync()).Where(b => b.ActivityId == activityId && b.ConsumedAt == null).ToList();
        bookmarks.AddRange(Db.ChangeTracker.Entries<BookmarkRecord>()
            .Where(e => e.State == EntityState.Added && e.Entity.ActivityId == activityId && e.Entity.InstanceId == Instance.Id && e.Entity.ConsumedAt == null)
            .Select(e => e.Entity)
            .Where(b => !bookmarks.Contains(b)));
        if (bookmarks.Count == 0)
        {
            return; // no bookmark, so no timer hangs off this activity
        }

        foreach (var bookmark in bookmarks)
        {
            bookmark.ConsumedAt = Now;
        }

        var ids = bookmarks.Select(b => b.Id).ToHashSet();
        await CancelTimersAsync(t => ids.Contains(t.BookmarkId));
    }

    public async Task CancelTaskTimersAsync(Guid taskId) => await CancelTimersAsync(t => t.TaskId == taskId);

    private async Task CancelTimersAsync(Func<TimerRecord, bool> predicate)
    {
        // Re-filter in memory: a loaded timer may already be Fired or Cancelled in this burst.
        var pending = (await PendingTimersAsync()).Where(t => t.Status == TimerStatus.Pending).ToList();
        pending.AddRange(Db.ChangeTracker.Entries<TimerRecord>()
            .Where(e => e.State == EntityState.Added && e.Entity.Status == TimerStatus.Pending)
            .Select(e => e.Entity)
            .Where(t => !pending.Contains(t)));
        foreach (var timer in pending.Where(predicate))
        {
            timer.Status = TimerStatus.Cancelled;
        }
    }

    /// <summary>The instance's bookmarks unconsumed at load, queried once per burst; tracked, so this burst's changes show.</summary>
    private async Task<List<BookmarkRecord>> OpenBookmarksAsync() =>
        _openBookmarks ??= await Db.Bookmarks.Where(b => b.InstanceId == Instance.Id && b.ConsumedAt == null).ToListAsync(CancellationToken);

    /// <summary>The instance's timers pending at load, queried once per burst; tracked, so this burst's changes show.</summary>
    private async Task<List<TimerRecord>> PendingTimersAsync() =>
        _pendingTimers ??= await Db.Timers.Where(t => t.InstanceId == Instance.Id && t.Status == TimerStatus.Pending).ToListAsync(CancellationToken);

    public async Task<List<SanctionRecord>> LoadSanctionsAsync(string prefectureId) =>
        await Db.Sanctions.Where(s => s.PrefectureId == prefectureId).OrderBy(s => s.StartsOn).ToListAsync(CancellationToken);

    /// <summary>The instance's tasks as stored at load (open and closed), queried once per burst: the task an action
    /// is about, the tasks of a resumed IssueTask and the open tasks an ending instance closes all come from this one
    /// query. Tracked, so this burst's changes show; tasks are written only in bursts, under the instance lock.</summary>
    private async Task<List<TaskRecord>> StoredTasksAsync() =>
        _storedTasks ??= await Db.Tasks.Where(t => t.InstanceId == Instance.Id).ToListAsync(CancellationToken);

    /// <summary>A stored task of this instance, or null.</summary>
    public async Task<TaskRecord?> FindStoredTaskAsync(Guid taskId) => (await StoredTasksAsync()).Find(t => t.Id == taskId);

    public async Task<List<TaskRecord>> LoadTasksAsync(string activityId)
    {
        var tasks = (await StoredTasksAsync()).Where(t => string.Equals(t.ActivityId, activityId, StringComparison.Ordinal)).ToList();
        tasks.AddRange(Db.ChangeTracker.Entries<TaskRecord>()
            .Where(e => e.State == EntityState.Added && e.Entity.ActivityId == activityId && e.Entity.InstanceId == Instance.Id)
            .Select(e => e.Entity)
            .Where(t => !tasks.Contains(t)));
        return tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
    }

    /// <summary>Ends the instance: closes every waiting activity (bookmarks, timers, open tasks) and tells the parent.</summary>
    public async Task FinishAsync(InstanceStatus status, string message)
    {
        Instance.Status = status;
        Instance.FinishedAt = Now;
        foreach (var waiting in State.WaitingActivities.ToList())
        {
            State.Activities[waiting].Status = status == InstanceStatus.Completed ? "completed" : "cancelled";
        }

        var bookmarks = (await OpenBookmarksAsync()).Where(b => b.ConsumedAt == null).ToList();
        foreach (var bookmark in bookmarks)
        {
            bookmark.ConsumedAt = Now;
        }

        await CancelTimersAsync(_ => true);
        // Stored tasks that were open at load (as a query would find them before this burst saves).
        var openTasks = (await StoredTasksAsync()).Where(t => Db.Entry(t).Property(p => p.ClosedAt).OriginalValue is null).ToList();
        foreach (var task in openTasks)
        {
            task.ClosedAt = Now;
            if (task.Status is TaskState.Open or TaskState.Overdue)
            {
                task.Status = TaskState.Cancelled;
            }
        }

        Journal(status == InstanceStatus.Completed ? "completed" : "cancelled", message);
        if (Instance.ParentInstanceId is { } parentId && Instance.ParentBookmarkId is { } parentBookmarkId)
        {
            var effect = new EffectRecord
            {
                Id = Guid.CreateVersion7(),
                Kind = EffectKinds.ResumeBookmark,
                IdempotencyKey = $"{Instance.Id:N}:finished",
                PayloadJson = new JsonObject
                {
                    ["instanceId"] = parentId.ToString(),
                    ["bookmarkId"] = parentBookmarkId.ToString(),
                    ["kind"] = "child-completed",
                    ["data"] = new JsonObject
                    {
                        ["childInstanceId"] = Instance.Id.ToString(),
                        ["status"] = status.ToString(),
                        ["variables"] = State.Variables.DeepClone(),
                    },
                }.ToJsonString(),
                Status = EffectStatus.Pending,
                CreatedAt = Now,
            };
            Db.Effects.Add(effect);
            NewEffects.Add(effect);
        }
    }

    private static string Label(ActivityNode node) => node.DisplayName is { Length: > 0 } name ? $"{name}（{node.Id}）" : node.Id;

    private sealed record WorkItem(string ActivityId, string? From, Resumption? Resumption);
}
