using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Expressions;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.PlanPeriods;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Execution;

/// <summary>The engine's entry points: publish definitions, start, resume, signal, fire timers, run effects,
/// cancel, suspend, resume and retry instances. Every change of an instance is one burst in one transaction
/// under that instance's write lock.</summary>
public sealed class WorkflowRuntime
{
    private readonly Dictionary<(string, int), WorkflowDefinition> _definitionCache = [];
    private readonly Lock _cacheLock = new();
    private readonly ILogger _logger;
    private readonly ITriggerStartCheck? _triggerCheck;

    /// <param name="triggerCheck">Refuses cron occurrences the host would not start (see <see cref="ITriggerStartCheck"/>).</param>
    public WorkflowRuntime(
        WorkflowDatabase database,
        IWorkflowScheduler scheduler,
        TimeProvider time,
        OfficialCalendar calendar,
        PartyDirectory parties,
        WorkflowRuntimeOptions? options = null,
        ActivityRegistry? registry = null,
        ILogger<WorkflowRuntime>? logger = null,
        ITriggerStartCheck? triggerCheck = null)
    {
        Database = database;
        Scheduler = scheduler;
        Time = time;
        Calendar = calendar;
        Parties = parties;
        PlanPeriods = new PlanPeriodStore(database, time);
        Options = options ?? new WorkflowRuntimeOptions();
        Registry = registry ?? ActivityRegistry.Default;
        Expressions = ExpressionEvaluator.Shared;
        ExpressionFunctions = WorkflowFunctions.Create(this);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _triggerCheck = triggerCheck;
    }

    public WorkflowDatabase Database { get; }

    public IWorkflowScheduler Scheduler { get; }

    public TimeProvider Time { get; }

    public OfficialCalendar Calendar { get; }

    public PartyDirectory Parties { get; }

    /// <summary>The plan periods in the database; the assessment reads them at run time.</summary>
    public PlanPeriodStore PlanPeriods { get; }

    public WorkflowRuntimeOptions Options { get; }

    public ActivityRegistry Registry { get; }

    public ExpressionEvaluator Expressions { get; }

    internal IReadOnlyDictionary<string, object?> ExpressionFunctions { get; }

    /// <summary>The clock's instant with offset zero: PostgreSQL stores `timestamptz` only from UTC values, whatever clock is injected.</summary>
    public DateTimeOffset UtcNow() => Time.GetUtcNow().ToUniversalTime();

    // ---------------------------------------------------------------- definitions

    /// <summary>Saves a draft (replacing the previous draft); drafts never run.</summary>
    public async Task SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        await using var db = Database.CreateContext();
        var json = DefinitionJson.Serialize(Normalize(definition, 0));
        var draft = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definition.Id && d.Version == 0, cancellationToken);
        if (draft is null)
        {
            db.Definitions.Add(new DefinitionRecord { DefinitionId = definition.Id, Version = 0, Name = definition.Name, Json = json, Hash = Hash(json), CreatedAt = UtcNow() });
        }
        else
        {
            draft.Json = json;
            draft.Name = definition.Name;
            draft.Hash = Hash(json);
            draft.CreatedAt = UtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Publishes a new immutable version (or returns the latest when nothing changed) and atomically
    /// replaces the definition's cron timers. Running instances stay on their version.</summary>
    public async Task<int> PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        var errors = new DefinitionValidator(Registry).Validate(definition, definition.Id).Where(m => m.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = Database.CreateContext();
            await using var transaction = await Database.BeginWriteTransactionAsync(db, cancellationToken);
            var latest = await db.Definitions.Where(d => d.DefinitionId == definition.Id && d.IsLatest).SingleOrDefaultAsync(cancellationToken);
            var unversioned = DefinitionJson.Serialize(Normalize(definition, 0));
            var hash = Hash(unversioned);
            if (latest is not null && latest.Hash == hash)
            {
                return latest.Version;
            }

            var version = (latest?.Version ?? 0) + 1;
            var now = UtcNow();
            if (latest is not null)
            {
                latest.IsLatest = false;
            }

            var published = Normalize(definition, version);
            db.Definitions.Add(new DefinitionRecord
            {
                DefinitionId = definition.Id,
                Version = version,
                Name = definition.Name,
                Json = DefinitionJson.Serialize(published),
                Hash = hash,
                IsLatest = true,
                CreatedAt = now,
                PublishedAt = now,
            });

            var oldCron = await db.Timers
                .Where(t => t.Purpose == "cron" && t.Status == TimerStatus.Pending && t.InstanceId == Guid.Empty && t.PayloadJson!.Contains(definition.Id))
                .ToListAsync(cancellationToken);
            foreach (var timer in oldCron.Where(t => CronPayload.Parse(t.PayloadJson).DefinitionId == definition.Id))
            {
                timer.Status = TimerStatus.Cancelled;
            }

            var newTimers = new List<TimerRecord>();
            for (var i = 0; i < published.Triggers.Count; i++)
            {
                if (NextCronTimer(published, i, now) is { } timer)
                {
                    newTimers.Add(timer);
                }
            }

            db.Timers.AddRange(newTimers);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Options.ConcurrencyRetries)
            {
                continue;
            }

            ArmTimers(newTimers);
            _logger.LogInformation("Published {DefinitionId} v{Version}", definition.Id, version);
            return version;
        }
    }

    public async Task<WorkflowDefinition> GetDefinitionAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        if (version is { } v)
        {
            lock (_cacheLock)
            {
                if (_definitionCache.TryGetValue((definitionId, v), out var cached))
                {
                    return cached;
                }
            }
        }

        await using var db = Database.CreateContext();
        var record = version is { } wanted
            ? await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == wanted, cancellationToken)
            : await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatest, cancellationToken);
        if (record is null)
        {
            throw new WorkflowNotFoundException(version is null
                ? $"流程“{definitionId}”尚未发布 / workflow '{definitionId}' is not published"
                : $"流程“{definitionId}”没有版本 {version} / workflow '{definitionId}' has no version {version}");
        }

        var definition = DefinitionJson.Parse(record.Json, $"{definitionId} v{record.Version}");
        lock (_cacheLock)
        {
            _definitionCache[(definitionId, record.Version)] = definition;
        }

        return definition;
    }

    /// <summary>Published versions (and the draft, as version 0) of a definition, newest first.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = Database.CreateContext();
        return await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
    }

    /// <summary>The latest published version of every definition.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Database.CreateContext();
        return await db.Definitions.AsNoTracking().Where(d => d.IsLatest).OrderBy(d => d.DefinitionId).ToListAsync(cancellationToken);
    }

    // ---------------------------------------------------------------- instances

    /// <summary>Starts an instance of the latest (or a given) published version. With a correlation key already
    /// used, returns the existing instance instead of starting a second.</summary>
    public async Task<StartResult> StartAsync(
        string definitionId,
        JsonObject? input = null,
        string? correlationKey = null,
        int? version = null,
        (Guid InstanceId, Guid BookmarkId)? parent = null,
        CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(definitionId, version, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = Database.CreateContext();
            NoAutoSavepoints(db);
            await using var transaction = await Database.BeginWriteTransactionAsync(db, cancellationToken);
            if (correlationKey is not null)
            {
                var existing = await db.Instances.AsNoTracking().Where(i => i.CorrelationKey == correlationKey).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken);
                if (existing != Guid.Empty)
                {
                    return new StartResult(existing, false);
                }
            }

            var now = UtcNow();
            var state = new InstanceState { Variables = InitialVariables(definition, input) };
            var instance = new InstanceRecord
            {
                Id = Guid.CreateVersion7(),
                DefinitionId = definition.Id,
                DefinitionVersion = definition.Version,
                Status = InstanceStatus.Running,
                StateJson = state.ToJson(),
                CorrelationKey = correlationKey,
                ParentInstanceId = parent?.InstanceId,
                ParentBookmarkId = parent?.BookmarkId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Instances.Add(instance);
            var burst = new Burst(this, db, instance, definition, cancellationToken, newInstance: true);
            burst.Journal("started", $"实例已启动：{definition.Name} v{definition.Version}", data: new JsonObject { ["correlationKey"] = correlationKey, ["input"] = input?.DeepClone() });
            foreach (var start in StartActivities(definition))
            {
                burst.Schedule(start);
            }

            await burst.RunAsync();
            instance.StateJson = burst.State.ToJson();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (correlationKey is not null && attempt < Options.ConcurrencyRetries)
            {
                continue; // lost a race on the correlation key: the next pass returns the winner
            }

            Dispatch(burst);
            return new StartResult(instance.Id, true);
        }
    }

    /// <summary>Resumes a bookmark. A consumed one answers <see cref="ResumeOutcome.AlreadyDone"/>.</summary>
    public Task<ResumeOutcome> ResumeAsync(Guid bookmarkId, string kind, JsonNode? payload = null, CancellationToken cancellationToken = default) =>
        ResumeAsync(null, bookmarkId, kind, payload, cancellationToken);

    private async Task<ResumeOutcome> ResumeAsync(Guid? instanceId, Guid bookmarkId, string kind, JsonNode? payload, CancellationToken cancellationToken)
    {
        if (instanceId is null)
        {
            await using var lookup = Database.CreateContext();
            instanceId = await lookup.Bookmarks.AsNoTracking().Where(b => b.Id == bookmarkId).Select(b => (Guid?)b.InstanceId).SingleOrDefaultAsync(cancellationToken);
            if (instanceId is null)
            {
                return ResumeOutcome.NotFound;
            }
        }

        return await RunBurstAsync(instanceId.Value, async burst =>
        {
            var bookmark = await burst.Db.Bookmarks.SingleOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
            if (bookmark is null)
            {
                return ResumeOutcome.NotFound;
            }

            if (bookmark.ConsumedAt is not null)
            {
                return ResumeOutcome.AlreadyDone;
            }

            if (burst.Instance.Status != InstanceStatus.Running)
            {
                return ResumeOutcome.InstanceNotRunning;
            }

            if (bookmark.OneShot)
            {
                bookmark.ConsumedAt = burst.Now;
            }

            burst.Journal("resumed", $"恢复 {bookmark.ActivityId}（{kind}）", bookmark.ActivityId, payload?.DeepClone());
            burst.ScheduleResume(bookmark.ActivityId, new Resumption(bookmark.Id, kind, payload));
            return ResumeOutcome.Resumed;
        }, cancellationToken, notFound: ResumeOutcome.NotFound);
    }

    /// <summary>Resumes every instance waiting for a signal (optionally one correlation); returns how many were resumed.</summary>
    public async Task<int> SignalAsync(string signal, string? correlation = null, JsonNode? payload = null, CancellationToken cancellationToken = default)
    {
        var key = correlation is null ? signal : $"{signal}:{correlation}";
        await using var db = Database.CreateContext();
        var bookmarks = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == "signal" && b.Key == key && b.ConsumedAt == null)
            .Select(b => new { b.Id, b.InstanceId })
            .ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var bookmark in bookmarks)
        {
            if (await ResumeAsync(bookmark.InstanceId, bookmark.Id, "signal", payload, cancellationToken) == ResumeOutcome.Resumed)
            {
                resumed++;
            }
        }

        return resumed;
    }

    /// <summary>Fires a timer if it is due and still pending; early calls re-schedule it (a timer never acts before its instant).
    /// Timers of one instance fire in <see cref="TimerOrder"/>: while an earlier one of the instance is pending this one
    /// answers <see cref="TimerFireOutcome.Waiting"/> and is handed back to the scheduler after it. Checked under the
    /// instance lock, so the order holds whoever calls (any scheduler, several servers).</summary>
    public async Task<TimerFireOutcome> FireTimerAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        TimerRecord? timer;
        await using (var lookup = Database.CreateContext())
        {
            timer = await lookup.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        }

        if (timer is null || timer.Status != TimerStatus.Pending)
        {
            return TimerFireOutcome.AlreadyDone;
        }

        var now = UtcNow();
        if (now < timer.DueAt)
        {
            Scheduler.ScheduleTimer(timer.Id, timer.DueAt);
            return TimerFireOutcome.NotYetDue;
        }

        if (timer.Purpose == "cron")
        {
            return await FireCronTimerAsync(timer, cancellationToken);
        }

        List<TimerRecord> earlier = [];
        var outcome = await RunBurstAsync(timer.InstanceId, async burst =>
        {
            // The timer and the instance's pending timers due no later, in one read: under the instance lock no other can appear.
            var dueAt = timer.DueAt;
            var read = await burst.Db.Timers
                .Where(t => t.InstanceId == timer.InstanceId && (t.Id == timerId || (t.Status == TimerStatus.Pending && t.DueAt <= dueAt)))
                .ToListAsync(cancellationToken);
            var tracked = read.SingleOrDefault(t => t.Id == timerId);
            if (tracked is null || tracked.Status != TimerStatus.Pending)
            {
                return TimerFireOutcome.AlreadyDone;
            }

            if (burst.Instance.Status == InstanceStatus.Running)
            {
                earlier = read.Where(t => t.Id != timerId && t.Status == TimerStatus.Pending && TimerOrder.Compare(t.DueAt, t.Id, tracked.DueAt, tracked.Id) < 0).ToList();
                if (earlier.Count > 0)
                {
                    return TimerFireOutcome.Waiting;
                }
            }

            tracked.Status = TimerStatus.Fired;
            tracked.FiredAt = burst.Now;
            if (burst.Instance.Status != InstanceStatus.Running)
            {
                // Suspended instances keep their timers: re-armed on resume.
                tracked.Status = burst.Instance.Status == InstanceStatus.Suspended ? TimerStatus.Pending : TimerStatus.Cancelled;
                return TimerFireOutcome.AlreadyDone;
            }

            var bookmark = await burst.Db.Bookmarks.SingleOrDefaultAsync(b => b.Id == tracked.BookmarkId, cancellationToken);
            if (bookmark is null || bookmark.ConsumedAt is not null)
            {
                return TimerFireOutcome.AlreadyDone;
            }

            if (bookmark.OneShot)
            {
                bookmark.ConsumedAt = burst.Now;
            }

            var payload = tracked.PayloadJson is null ? new JsonObject() : JsonNode.Parse(tracked.PayloadJson)!.AsObject();
            payload["purpose"] = tracked.Purpose;
            payload["dueAt"] = tracked.DueAt.ToString("O", CultureInfo.InvariantCulture);
            burst.Journal("timer-fired", $"定时器到期：{tracked.Purpose}（应于 {BeijingTime.ToBeijing(tracked.DueAt):yyyy-MM-dd HH:mm:ss}）", bookmark.ActivityId,
                new JsonObject { ["timerId"] = tracked.Id.ToString(), ["purpose"] = tracked.Purpose, ["dueAt"] = tracked.DueAt.ToString("O", CultureInfo.InvariantCulture), ["firedAt"] = burst.Now.ToString("O", CultureInfo.InvariantCulture) });
            var kind = tracked.Purpose == "retry" ? "retry" : "timer";
            burst.ScheduleResume(bookmark.ActivityId, new Resumption(bookmark.Id, kind, payload, tracked.TaskId, tracked.Id));
            return TimerFireOutcome.Fired;
        }, cancellationToken, notFound: TimerFireOutcome.AlreadyDone);
        if (outcome == TimerFireOutcome.Waiting)
        {
            // A scheduler that takes timers one by one gets the earlier ones (in case they were never handed over) and then
            // this one again; the pump finds them in the table.
            ArmTimers([.. earlier.OrderBy(t => t, TimerComparer), timer]);
        }

        return outcome;
    }

    private static readonly Comparer<TimerRecord> TimerComparer = Comparer<TimerRecord>.Create((a, b) => TimerOrder.Compare(a.DueAt, a.Id, b.DueAt, b.Id));

    /// <summary>Runs one outbox effect (child start, parent resume) once.</summary>
    public async Task ExecuteEffectAsync(Guid effectId, CancellationToken cancellationToken = default)
    {
        EffectRecord? effect;
        await using (var lookup = Database.CreateContext())
        {
            effect = await lookup.Effects.AsNoTracking().SingleOrDefaultAsync(e => e.Id == effectId, cancellationToken);
        }

        if (effect is null || effect.Status != EffectStatus.Pending)
        {
            return;
        }

        var payload = JsonNode.Parse(effect.PayloadJson)!.AsObject();
        switch (effect.Kind)
        {
            case EffectKinds.StartChild:
                await StartAsync(
                    payload["definitionId"]!.GetValue<string>(),
                    payload["variables"]?.AsObject().DeepClone().AsObject(),
                    payload["correlationKey"]!.GetValue<string>(),
                    parent: (Guid.Parse(payload["parentInstanceId"]!.GetValue<string>()), Guid.Parse(payload["parentBookmarkId"]!.GetValue<string>())),
                    cancellationToken: cancellationToken);
                break;
            case EffectKinds.ResumeBookmark:
                await ResumeAsync(
                    Guid.Parse(payload["instanceId"]!.GetValue<string>()),
                    Guid.Parse(payload["bookmarkId"]!.GetValue<string>()),
                    payload["kind"]!.GetValue<string>(),
                    payload["data"]?.DeepClone(),
                    cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"unknown effect kind {effect.Kind}");
        }

        await using var db = Database.CreateContext();
        await db.Effects.Where(e => e.Id == effectId && e.Status == EffectStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EffectStatus.Done).SetProperty(e => e.DoneAt, UtcNow()), cancellationToken);
    }

    public Task<bool> CancelAsync(Guid instanceId, string reason, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(instanceId, async burst =>
        {
            if (burst.Instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
            {
                return false;
            }

            await burst.FinishAsync(InstanceStatus.Cancelled, $"实例已取消：{reason}");
            return true;
        }, cancellationToken);

    public Task<bool> SuspendAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(instanceId, burst =>
        {
            if (burst.Instance.Status != InstanceStatus.Running)
            {
                return Task.FromResult(false);
            }

            burst.Instance.Status = InstanceStatus.Suspended;
            burst.Journal("suspended", "实例已暂停 / instance suspended");
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Resumes a suspended instance; timers that came due meanwhile fire now.</summary>
    public async Task<bool> ResumeInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var resumed = await ChangeStatusAsync(instanceId, burst =>
        {
            if (burst.Instance.Status != InstanceStatus.Suspended)
            {
                return Task.FromResult(false);
            }

            burst.Instance.Status = InstanceStatus.Running;
            burst.Journal("resumed-instance", "实例已恢复运行 / instance resumed");
            return Task.FromResult(true);
        }, cancellationToken);
        if (resumed)
        {
            await using var db = Database.CreateContext();
            ArmTimers(await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken));
        }

        return resumed;
    }

    /// <summary>Retries a faulted instance from the activity that failed (after a fix).</summary>
    public async Task<bool> RetryAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        await RunBurstAsync(instanceId, burst =>
        {
            if (burst.Instance.Status != InstanceStatus.Faulted)
            {
                return Task.FromResult(false);
            }

            burst.Instance.Status = InstanceStatus.Running;
            burst.Instance.Incident = null;
            var activityId = burst.State.FaultedActivity;
            burst.State.FaultedActivity = null;
            burst.Journal("retried", $"管理员重试实例，从 {activityId ?? "起点"} 继续", activityId);
            if (activityId is not null)
            {
                var state = burst.State.For(activityId);
                state.FailedAttempts = 0;
                if (state.Data["pendingResumption"] is { } pending)
                {
                    var resumption = pending.Deserialize<Resumption>()!;
                    state.Data.Remove("pendingResumption");
                    burst.ScheduleResume(activityId, resumption);
                }
                else
                {
                    burst.ScheduleResume(activityId, new Resumption(Guid.Empty, "retry"));
                }
            }

            return Task.FromResult(true);
        }, cancellationToken, allowNotRunning: true);

    private Task<bool> ChangeStatusAsync(Guid instanceId, Func<Burst, Task<bool>> change, CancellationToken cancellationToken) =>
        RunBurstAsync(instanceId, change, cancellationToken, allowNotRunning: true);

    // ---------------------------------------------------------------- queries

    public async Task<InstanceRecord?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = Database.CreateContext();
        return await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalRecord>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = Database.CreateContext();
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? definitionId = null, InstanceStatus? status = null, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = Database.CreateContext();
        var query = db.Instances.AsNoTracking();
        if (definitionId is not null)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }

        return await query.OrderByDescending(i => i.CreatedAt).Take(take).ToListAsync(cancellationToken);
    }

    // ---------------------------------------------------------------- sweep

    /// <summary>Re-arms timers never handed to the scheduler or lost by it (schedulers that take timers one by one), and
    /// re-dispatches pending effects. Safe to run any time on any server: everything it triggers is idempotent.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = UtcNow();
        await using var db = Database.CreateContext();
        var armBefore = now - Options.ArmGrace;
        var lostBefore = now - Options.LostTimerGrace;
        List<TimerRecord> timers = [];
        if (!Scheduler.PollsTimers)
        {
            timers = await db.Timers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Pending
                    && ((t.JobId == null && t.CreatedAt < armBefore) || (t.DueAt < lostBefore && (t.ArmedAt == null || t.ArmedAt < lostBefore))))
                .OrderBy(t => t.DueAt)
                .Take(1000)
                .ToListAsync(cancellationToken);
            ArmTimers(timers);
        }

        var effects = await db.Effects.AsNoTracking().Where(e => e.Status == EffectStatus.Pending && e.CreatedAt < lostBefore).Select(e => e.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var effect in effects)
        {
            Scheduler.EnqueueEffect(effect);
        }

        return timers.Count + effects.Count;
    }

    // ---------------------------------------------------------------- timer pump

    /// <summary>Claims up to <paramref name="batch"/> due timers for <paramref name="claimant"/> and fires them; returns how
    /// many were claimed. A claim stamps the row (<c>ArmedAt</c>, <c>JobId</c> = claimant) in its own short transaction; on
    /// PostgreSQL rows claimed by another server at the same moment are skipped (<c>FOR UPDATE SKIP LOCKED</c>). A claim
    /// older than <see cref="WorkflowRuntimeOptions.LostTimerGrace"/> whose timer is still pending (its server died, or the
    /// fire failed) is taken for abandoned and claimed again. Timers of suspended instances are left alone until the
    /// instance is resumed.
    /// <para>Timers of one instance fire in <see cref="TimerOrder"/>, one after the other; different instances (and cron
    /// timers) fire <paramref name="parallelism"/> at a time. A claim takes a timer only when no earlier pending timer of
    /// its instance is left out of it (claimed by another server, locked by its claim, or beyond the batch), so two pumps
    /// never fire one instance's timers side by side. Firing re-checks everything under the instance lock, so a timer
    /// claimed twice still acts once, and never before an earlier one.</para></summary>
    public async Task<int> FireDueTimersAsync(int batch, int parallelism, string claimant, CancellationToken cancellationToken = default)
    {
        var claimed = await ClaimDueTimersAsync(batch, claimant, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var queues = claimed
            .GroupBy(t => t.InstanceId == Guid.Empty ? t.Id : t.InstanceId) // cron timers have no instance and no order among them
            .Select(g => g.OrderBy(t => t, ClaimedTimerComparer).ToList())
            .ToList();
        await Parallel.ForEachAsync(
            queues,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            (queue, token) => new ValueTask(FireInOrderAsync(queue, claimant, token)));
        return claimed.Count;
    }

    private static readonly Comparer<ClaimedTimer> ClaimedTimerComparer = Comparer<ClaimedTimer>.Create((a, b) => TimerOrder.Compare(a.DueAt, a.Id, b.DueAt, b.Id));

    /// <summary>Fires one instance's claimed timers in order. A timer that fails stops the queue: the rest stay claimed and
    /// are claimed again, in order, after <see cref="WorkflowRuntimeOptions.LostTimerGrace"/>. A timer that has to wait (an
    /// earlier one appeared) gives its claim and the rest's back, for the next poll.</summary>
    private async Task FireInOrderAsync(List<ClaimedTimer> queue, string claimant, CancellationToken cancellationToken)
    {
        for (var i = 0; i < queue.Count; i++)
        {
            var id = queue[i].Id;
            try
            {
                var outcome = await FireTimerAsync(id, cancellationToken);
                _logger.LogDebug("Timer {TimerId}: {Outcome}", id, outcome);
                if (outcome == TimerFireOutcome.Waiting)
                {
                    var rest = queue.Skip(i).Select(t => t.Id).ToList();
                    await using var db = Database.CreateContext();
                    await db.Timers.Where(t => rest.Contains(t.Id) && t.Status == TimerStatus.Pending && t.JobId == claimant)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArmedAt, (DateTimeOffset?)null).SetProperty(t => t.JobId, (string?)null), cancellationToken);
                    return;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Left pending and claimed, with the instance's later timers: fired again once the claim is old (LostTimerGrace).
                _logger.LogWarning(e, "Timer {TimerId} could not be fired; it and {Later} later timers of its instance are retried after {Grace}", id, queue.Count - i - 1, Options.LostTimerGrace);
                return;
            }
        }
    }

    /// <summary>Pending timers of running instances (and cron timers) due longer ago than twice
    /// <see cref="WorkflowRuntimeOptions.LostTimerGrace"/>: what a working timer pump would already have fired. Zero
    /// when every server's pump keeps up; otherwise the count and the oldest due instant, for health checks.</summary>
    public async Task<(int Count, DateTimeOffset? OldestDueAt)> LateTimersAsync(CancellationToken cancellationToken = default)
    {
        var before = UtcNow() - (2 * Options.LostTimerGrace);
        await using var db = Database.CreateContext();
        var late = PendingTimersOfActiveInstances(db).Where(t => t.DueAt < before);
        var count = await late.CountAsync(cancellationToken);
        return count == 0 ? (0, null) : (count, await late.MinAsync(t => t.DueAt, cancellationToken));
    }

    private async Task<List<ClaimedTimer>> ClaimDueTimersAsync(int batch, string claimant, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        var abandonedBefore = now - Options.LostTimerGrace;
        await using var db = Database.CreateContext();
        if (Database.IsPostgres)
        {
            // One statement: lock the due candidates (skipping rows another claim holds), keep those with no earlier
            // pending timer of their instance outside the candidates, stamp and return them.
            return await db.Database.SqlQuery<ClaimedTimer>($"""
                WITH candidates AS (
                    SELECT t."Id", t."InstanceId", t."DueAt" FROM workflows.workflow_timers t
                    WHERE t."Status" = 'Pending' AND t."DueAt" <= {now} AND (t."ArmedAt" IS NULL OR t."ArmedAt" < {abandonedBefore})
                      AND NOT EXISTS (SELECT 1 FROM workflows.workflow_instances i WHERE i."Id" = t."InstanceId" AND i."Status" = 'Suspended')
                    ORDER BY t."DueAt", t."Id" LIMIT {batch}
                    FOR UPDATE OF t SKIP LOCKED
                ), ready AS (
                    SELECT c."Id" FROM candidates c
                    WHERE c."InstanceId" = {Guid.Empty} OR NOT EXISTS (
                        SELECT 1 FROM workflows.workflow_timers e
                        WHERE e."InstanceId" = c."InstanceId" AND e."Status" = 'Pending' AND (e."DueAt", e."Id") < (c."DueAt", c."Id")
                          AND NOT EXISTS (SELECT 1 FROM candidates k WHERE k."Id" = e."Id"))
                )
                UPDATE workflows.workflow_timers t SET "ArmedAt" = {now}, "JobId" = {claimant}
                FROM ready r WHERE t."Id" = r."Id"
                RETURNING t."Id", t."InstanceId", t."DueAt"
                """).ToListAsync(cancellationToken);
        }

        if (!await PendingTimersOfActiveInstances(db).AnyAsync(t => t.DueAt <= now, cancellationToken))
        {
            return []; // SQLite: an idle poll takes no write lock away from requests
        }

        // SQLite: the write transaction is BEGIN IMMEDIATE, so claims of two processes queue instead of overlapping.
        await using var transaction = await Database.BeginWriteTransactionAsync(db, cancellationToken);
        var candidates = await PendingTimersOfActiveInstances(db)
            .Where(t => t.DueAt <= now && (t.ArmedAt == null || t.ArmedAt < abandonedBefore))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(batch)
            .Select(t => new ClaimedTimer { Id = t.Id, InstanceId = t.InstanceId, DueAt = t.DueAt })
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var instances = candidates.Select(c => c.InstanceId).Where(i => i != Guid.Empty).Distinct().ToList();
        var latest = candidates.Count == 0 ? now : candidates.Max(c => c.DueAt);
        var outside = await db.Timers
            .Where(t => t.Status == TimerStatus.Pending && instances.Contains(t.InstanceId) && t.DueAt <= latest && !ids.Contains(t.Id))
            .Select(t => new ClaimedTimer { Id = t.Id, InstanceId = t.InstanceId, DueAt = t.DueAt })
            .ToListAsync(cancellationToken);
        var ready = candidates
            .Where(c => c.InstanceId == Guid.Empty || !outside.Any(e => e.InstanceId == c.InstanceId && ClaimedTimerComparer.Compare(e, c) < 0))
            .ToList();
        if (ready.Count > 0)
        {
            var readyIds = ready.Select(c => c.Id).ToList();
            await db.Timers.Where(t => readyIds.Contains(t.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArmedAt, now).SetProperty(t => t.JobId, claimant), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ready;
    }

    /// <summary>Pending timers the pump may fire: all but those of suspended instances (cron timers have no instance).
    /// The PostgreSQL claim in <see cref="ClaimDueTimersAsync"/> states the same condition in SQL.</summary>
    private static IQueryable<TimerRecord> PendingTimersOfActiveInstances(WorkflowDbContext db) =>
        db.Timers.Where(t => t.Status == TimerStatus.Pending && !db.Instances.Any(i => i.Id == t.InstanceId && i.Status == InstanceStatus.Suspended));

    // ---------------------------------------------------------------- internals

    internal Task<T> RunBurstAsync<T>(Guid instanceId, Func<Burst, Task<T>> action, CancellationToken cancellationToken, bool allowNotRunning = false, T notFound = default!) =>
        RunBurstAsync((db, token) => Database.LockInstanceAsync(db, instanceId, token), instanceId, action, cancellationToken, allowNotRunning, notFound);

    /// <summary>Runs a burst on the instance that <paramref name="lockInstance"/> finds and locks in the burst's own
    /// transaction (e.g. by one of its tasks, saving a separate lookup).</summary>
    internal async Task<T> RunBurstAsync<T>(
        Func<WorkflowDbContext, CancellationToken, Task<InstanceRecord?>> lockInstance,
        object subject,
        Func<Burst, Task<T>> action,
        CancellationToken cancellationToken,
        bool allowNotRunning = false,
        T notFound = default!)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = Database.CreateContext();
            NoAutoSavepoints(db);
            try
            {
                var instance = await lockInstance(db, cancellationToken);
                if (instance is null)
                {
                    return notFound;
                }

                var definition = await GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
                var burst = new Burst(this, db, instance, definition, cancellationToken);
                var result = await action(burst);
                if (instance.Status == InstanceStatus.Running || allowNotRunning)
                {
                    await burst.RunAsync();
                }

                instance.StateJson = burst.State.ToJson();
                instance.UpdatedAt = burst.Now;
                instance.Revision++;
                await db.SaveChangesAsync(cancellationToken);
                await db.Database.CommitTransactionAsync(cancellationToken);
                Dispatch(burst);
                return result;
            }
            catch (Exception e) when (IsTransient(e) && attempt < Options.ConcurrencyRetries)
            {
                _logger.LogDebug(e, "Burst on {Subject} conflicted; retry {Attempt}", subject, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), cancellationToken); // real time: the virtual clock must not stall retries
            }
        }
    }

    /// <summary>A burst saves once, at its end, and a failed save abandons the whole transaction (the retry starts over on
    /// a new context), so EF Core's savepoint around <c>SaveChanges</c> in a user transaction (SAVEPOINT and RELEASE, two
    /// round trips) would never be rolled back to.</summary>
    private static void NoAutoSavepoints(WorkflowDbContext db) => db.Database.AutoSavepointsEnabled = false;

    private static bool IsTransient(Exception e) =>
        e is DbUpdateConcurrencyException
        || (e is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "40001" or "40P01" } })
        || (e is Npgsql.PostgresException { SqlState: "40001" or "40P01" })
        || (e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
        || (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 });

    private void Dispatch(Burst burst)
    {
        ArmTimers(burst.NewTimers);
        try
        {
            foreach (var effect in burst.NewEffects)
            {
                Scheduler.EnqueueEffect(effect.Id);
            }

            foreach (var notice in burst.NewNotices)
            {
                Scheduler.EnqueueNotice(notice.Id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The burst is committed: a scheduler outage must not turn a saved change into an error for the caller.
            // Pending effects and notices are dispatched again by the sweeps.
            _logger.LogWarning(e, "Could not hand effects or notices to the scheduler; the sweep will");
        }
    }

    private void ArmTimers(IEnumerable<TimerRecord> timers)
    {
        if (Scheduler.PollsTimers)
        {
            return; // the rows are the arrangement: every server's pump finds them when due
        }

        var armed = new List<(Guid Id, string JobId)>();
        try
        {
            foreach (var timer in timers.Where(t => t.Status == TimerStatus.Pending))
            {
                if (Scheduler.ScheduleTimer(timer.Id, timer.DueAt) is { } jobId)
                {
                    armed.Add((timer.Id, jobId));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Timers are rows: one not handed over (no job id) is armed by the sweep once the scheduler is back.
            _logger.LogWarning(e, "Could not hand timers to the scheduler; the sweep will arm them");
        }

        if (armed.Count == 0)
        {
            return;
        }

        // Best effort: a timer whose job id is not recorded is simply armed again by the sweep.
        try
        {
            using var db = Database.CreateContext();
            var now = UtcNow();
            foreach (var (id, jobId) in armed)
            {
                db.Timers.Where(t => t.Id == id).ExecuteUpdate(s => s.SetProperty(t => t.JobId, jobId).SetProperty(t => t.ArmedAt, now));
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            _logger.LogWarning(e, "Could not record armed timers; the sweep will arm them again");
        }
    }

    /// <summary>Starts the trigger's instance for the latest occurrence due by now: a trigger that missed occurrences (a
    /// server that was down, a drill clock moved on by years) fires once, for the latest, never once per missed one. An
    /// occurrence the host refuses (<see cref="ITriggerStartCheck"/>, e.g. a cycle year no plan period covers) starts
    /// nothing and is logged. Either way the next occurrence after it is scheduled.</summary>
    private async Task<TimerFireOutcome> FireCronTimerAsync(TimerRecord timer, CancellationToken cancellationToken)
    {
        var payload = CronPayload.Parse(timer.PayloadJson);
        var definition = await GetDefinitionAsync(payload.DefinitionId, payload.Version, cancellationToken);
        var trigger = definition.Triggers[payload.TriggerIndex];
        var (cron, zone) = CronOf(trigger);
        var due = LatestOccurrence(cron, zone, timer.DueAt, UtcNow());
        var occurrence = BeijingTime.ToBeijing(due);
        var triggerModel = new JsonObject
        {
            ["trigger"] = new JsonObject
            {
                ["year"] = occurrence.Year,
                ["occurrence"] = occurrence.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["date"] = occurrence.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        };
        var correlationKey = trigger.CorrelationKey is { Length: > 0 } template
            ? Expressions.Render(template, triggerModel, ExpressionFunctions)
            : $"{definition.Id}:{due.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
        var input = new JsonObject();
        foreach (var (name, value) in trigger.Input ?? [])
        {
            var node = JsonNode.Parse(value.GetRawText());
            input[name] = node is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? ParseScalar(Expressions.Render(v.GetValue<string>(), triggerModel, ExpressionFunctions))
                : node;
        }

        if (due > timer.DueAt)
        {
            _logger.LogInformation(
                "Cron trigger {Trigger} of {DefinitionId} missed its occurrences from {From:O} on; it fires once, for the latest ({Occurrence:O})",
                payload.TriggerIndex, definition.Id, BeijingTime.ToBeijing(timer.DueAt), occurrence);
        }

        var refusal = _triggerCheck is null
            ? null
            : await _triggerCheck.RefusalAsync(new TriggeredStart(definition.Id, occurrence, correlationKey, input), cancellationToken);
        StartResult? started = null;
        if (refusal is null)
        {
            started = await StartAsync(definition.Id, input, correlationKey, cancellationToken: cancellationToken);
        }

        await using var db = Database.CreateContext();
        await using var transaction = await Database.BeginWriteTransactionAsync(db, cancellationToken);
        // Lock the timer row: two runs of the same cron job (a re-armed timer, two servers) must not both add the next timer.
        var tracked = Database.IsPostgres
            ? await db.Timers.FromSqlInterpolated($"SELECT * FROM workflows.workflow_timers WHERE \"Id\" = {timer.Id} FOR UPDATE").SingleAsync(cancellationToken)
            : await db.Timers.SingleAsync(t => t.Id == timer.Id, cancellationToken);
        if (tracked.Status != TimerStatus.Pending)
        {
            return TimerFireOutcome.AlreadyDone;
        }

        tracked.Status = TimerStatus.Fired;
        tracked.FiredAt = UtcNow();
        if (started is not null)
        {
            var key = $"{definition.Id}:{payload.TriggerIndex}:{due.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
            if (!await db.TriggerFires.AnyAsync(f => f.Key == key, cancellationToken))
            {
                db.TriggerFires.Add(new TriggerFireRecord { Key = key, InstanceId = started.InstanceId, FiredAt = UtcNow() });
            }
        }
        else
        {
            _logger.LogWarning(
                "Cron trigger {Trigger} of {DefinitionId} skipped its occurrence {Occurrence:O} ({CorrelationKey}), nothing started: {Reason}",
                payload.TriggerIndex, definition.Id, occurrence, correlationKey, refusal);
        }

        var isLatest = await db.Definitions.AnyAsync(d => d.DefinitionId == definition.Id && d.Version == definition.Version && d.IsLatest, cancellationToken);
        var next = isLatest ? NextCronTimer(definition, payload.TriggerIndex, due) : null;
        if (next is not null)
        {
            db.Timers.Add(next);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (next is not null)
        {
            ArmTimers([next]);
        }

        return TimerFireOutcome.Fired;
    }

    /// <summary>The latest occurrence of <paramref name="cron"/> from <paramref name="first"/> (an occurrence) up to
    /// <paramref name="now"/>. Looks back over windows doubling from a minute, so a minutely cron after a year away costs
    /// a few enumerations, not half a million.</summary>
    internal static DateTimeOffset LatestOccurrence(CronExpression cron, TimeZoneInfo zone, DateTimeOffset first, DateTimeOffset now)
    {
        if (now <= first)
        {
            return first;
        }

        for (var window = TimeSpan.FromMinutes(1); ; window *= 2)
        {
            var from = now - first <= window ? first : now - window;
            var latest = cron.GetOccurrences(from, now, zone, fromInclusive: true, toInclusive: true).Select(o => (DateTimeOffset?)o).LastOrDefault();
            if (latest is { } found)
            {
                return found.ToUniversalTime();
            }

            if (from == first)
            {
                return first;
            }
        }
    }

    private static (CronExpression Cron, TimeZoneInfo Zone) CronOf(TriggerDefinition trigger) =>
        (CronExpression.Parse(trigger.Cron!), TimeZoneInfo.FindSystemTimeZoneById(trigger.TimeZone ?? "Asia/Shanghai"));

    private TimerRecord? NextCronTimer(WorkflowDefinition definition, int triggerIndex, DateTimeOffset after)
    {
        var trigger = definition.Triggers[triggerIndex];
        if (!string.Equals(trigger.Kind, "cron", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(trigger.Cron))
        {
            return null;
        }

        var (cron, zone) = CronOf(trigger);
        var next = cron.GetNextOccurrence(after, zone);
        if (next is null)
        {
            return null;
        }

        return new TimerRecord
        {
            Id = TimerOrder.NewId(),
            InstanceId = Guid.Empty,
            BookmarkId = Guid.Empty,
            DueAt = next.Value.ToUniversalTime(),
            Status = TimerStatus.Pending,
            Purpose = "cron",
            PayloadJson = new CronPayload(definition.Id, definition.Version, triggerIndex).ToJson(),
            CreatedAt = UtcNow(),
        };
    }

    private static JsonNode? ParseScalar(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);

    private static JsonObject InitialVariables(WorkflowDefinition definition, JsonObject? input)
    {
        var variables = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            variables[variable.Name] = variable.Default is { } value ? JsonNode.Parse(value.GetRawText()) : null;
        }

        foreach (var (name, value) in input ?? [])
        {
            variables[name] = value?.DeepClone();
        }

        return variables;
    }

    internal static IEnumerable<string> StartActivities(WorkflowDefinition definition)
    {
        var starts = definition.Activities.Where(a => a.Type == "Start").Select(a => a.Id).ToList();
        if (starts.Count > 0)
        {
            return starts;
        }

        var targets = definition.Connections.Select(c => c.To).ToHashSet(StringComparer.Ordinal);
        return definition.Activities.Where(a => !targets.Contains(a.Id)).Select(a => a.Id).Take(1);
    }

    private static WorkflowDefinition Normalize(WorkflowDefinition definition, int version)
    {
        var copy = DefinitionJson.Clone(definition);
        copy.Version = version;
        copy.Schema = null;
        return copy;
    }

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
