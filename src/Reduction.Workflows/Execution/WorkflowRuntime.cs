using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
using Reduction.Workflows.VersionMigration;

namespace Reduction.Workflows.Execution;

/// <summary>The engine's entry points: start, resume, signal, fire timers, run effects, cancel, suspend, resume and
/// retry instances (definitions: <see cref="Definitions"/>; timer claims: <see cref="Timers"/>; reads: the
/// <c>Queries</c> classes). Every change of an instance is one burst in one transaction
/// under that instance's write lock.</summary>
public sealed class WorkflowRuntime
{
    private readonly ILogger _logger;
    private readonly TimerArming _arming;
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
        ITriggerStartCheck? triggerCheck = null,
        Ledger.IAssessmentLedger? ledger = null)
    {
        Ledger = ledger;
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
        _arming = new TimerArming(database, scheduler, UtcNow, _logger);
        Definitions = new DefinitionStore(database, Registry, Options, UtcNow, _arming, _logger);
        Timers = new TimerClaims(this, _logger);
        Sweep = new DispatchSweep(this, _arming);
        Migrations = new InstanceMigrator(this);
    }

    public WorkflowDatabase Database { get; }

    public IWorkflowScheduler Scheduler { get; }

    public TimeProvider Time { get; }

    public OfficialCalendar Calendar { get; }

    public PartyDirectory Parties { get; }

    /// <summary>The plan periods in the database; the assessment reads them at run time.</summary>
    public PlanPeriodStore PlanPeriods { get; }

    public WorkflowRuntimeOptions Options { get; }

    /// <summary>The emission ledger the assessment takes targets from and records figures to; null without one.</summary>
    public Ledger.IAssessmentLedger? Ledger { get; }

    public ActivityRegistry Registry { get; }

    public ExpressionEvaluator Expressions { get; }

    /// <summary>Drafts and published versions; the runtime reads each instance's version from it.</summary>
    public DefinitionStore Definitions { get; }

    /// <summary>The timer pump's claims on due timers.</summary>
    public TimerClaims Timers { get; }

    /// <summary>Re-dispatches timers and effects the scheduler never got.</summary>
    public DispatchSweep Sweep { get; }

    /// <summary>Moving running instances to another published version, with a preview.</summary>
    public InstanceMigrator Migrations { get; }

    internal IReadOnlyDictionary<string, object?> ExpressionFunctions { get; }

    /// <summary>The clock's instant with offset zero: PostgreSQL stores `timestamptz` only from UTC values, whatever clock is injected.</summary>
    public DateTimeOffset UtcNow() => Time.GetUtcNow().ToUniversalTime();

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
        var definition = await Definitions.GetDefinitionAsync(definitionId, version, cancellationToken);
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

        if (timer.Purpose == CronTimers.Purpose)
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
            _arming.Arm([.. earlier.OrderBy(t => t, TimerComparer), timer]);
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
            case EffectKinds.RecordLedger:
                if (Ledger is { } ledger)
                {
                    await ledger.RecordAsync(payload["year"]!.GetValue<int>(), LedgerFiguresOf(payload["figures"]!.AsArray()), cancellationToken);
                }

                break;
            default:
                throw new InvalidOperationException($"unknown effect kind {effect.Kind}");
        }

        await using var db = Database.CreateContext();
        await db.Effects.Where(e => e.Id == effectId && e.Status == EffectStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EffectStatus.Done).SetProperty(e => e.DoneAt, UtcNow()), cancellationToken);
    }

    private static List<Ledger.LedgerFigures> LedgerFiguresOf(JsonArray figures) =>
        figures.Select(f => new Ledger.LedgerFigures(
            f!["prefecture"]!.GetValue<string>(),
            f["pollutant"]!.GetValue<string>(),
            f["sectors"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<decimal>(), StringComparer.Ordinal),
            f["source"]!.GetValue<string>(),
            f["changedBy"]!.GetValue<string>(),
            f["reason"]?.GetValue<string>())).ToList();

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

    /// <summary>Suspends a running instance: its timers stay pending and fire once it is resumed; the reason, when
    /// given, goes into the journal line.</summary>
    public Task<bool> SuspendAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        SuspendAsync(instanceId, null, cancellationToken);

    /// <inheritdoc cref="SuspendAsync(Guid, CancellationToken)"/>
    public Task<bool> SuspendAsync(Guid instanceId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(instanceId, burst =>
        {
            if (burst.Instance.Status != InstanceStatus.Running)
            {
                return Task.FromResult(false);
            }

            burst.Instance.Status = InstanceStatus.Suspended;
            burst.Journal("suspended", string.IsNullOrWhiteSpace(reason) ? "实例已暂停 / instance suspended" : $"实例已暂停：{reason}");
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Resumes a suspended instance; timers that came due meanwhile fire now.</summary>
    public Task<bool> ResumeInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        ResumeInstanceAsync(instanceId, null, cancellationToken);

    /// <inheritdoc cref="ResumeInstanceAsync(Guid, CancellationToken)"/>
    public async Task<bool> ResumeInstanceAsync(Guid instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        var resumed = await ChangeStatusAsync(instanceId, burst =>
        {
            if (burst.Instance.Status != InstanceStatus.Suspended)
            {
                return Task.FromResult(false);
            }

            burst.Instance.Status = InstanceStatus.Running;
            burst.Journal("resumed-instance", string.IsNullOrWhiteSpace(reason) ? "实例已恢复运行 / instance resumed" : $"实例已恢复运行：{reason}");
            return Task.FromResult(true);
        }, cancellationToken);
        if (resumed)
        {
            await using var db = Database.CreateContext();
            _arming.Arm(await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken));
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

                var definition = await Definitions.GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
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
        _arming.Arm(burst.NewTimers);
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

    /// <summary>Starts the trigger's instance for the latest occurrence due by now: a trigger that missed occurrences (a
    /// server that was down, a drill clock moved on by years) fires once, for the latest, never once per missed one. An
    /// occurrence the host refuses (<see cref="ITriggerStartCheck"/>, e.g. a cycle year no plan period covers) starts
    /// nothing and is logged. Either way the next occurrence after it is scheduled.</summary>
    private async Task<TimerFireOutcome> FireCronTimerAsync(TimerRecord timer, CancellationToken cancellationToken)
    {
        var payload = CronPayload.Parse(timer.PayloadJson);
        var definition = await Definitions.GetDefinitionAsync(payload.DefinitionId, payload.Version, cancellationToken);
        var trigger = definition.Triggers[payload.TriggerIndex];
        var (cron, zone) = CronTimers.CronOf(trigger);
        var due = CronTimers.LatestOccurrence(cron, zone, timer.DueAt, UtcNow());
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

        var isLatest = await DefinitionStore.IsLatestAsync(db, definition.Id, definition.Version, cancellationToken);
        var next = isLatest ? CronTimers.Next(definition, payload.TriggerIndex, due, UtcNow()) : null;
        if (next is not null)
        {
            db.Timers.Add(next);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (next is not null)
        {
            _arming.Arm([next]);
        }

        return TimerFireOutcome.Fired;
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
}
