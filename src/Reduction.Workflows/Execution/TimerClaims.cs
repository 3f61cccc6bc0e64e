using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Execution;

/// <summary>The timer pump's side of timers: claims due rows for one server and fires them through the runtime, and
/// tells health checks how far behind the pumps are.</summary>
public sealed class TimerClaims
{
    private readonly WorkflowRuntime _runtime;
    private readonly ILogger _logger;

    internal TimerClaims(WorkflowRuntime runtime, ILogger logger)
    {
        _runtime = runtime;
        _logger = logger;
    }

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
                var outcome = await _runtime.FireTimerAsync(id, cancellationToken);
                _logger.LogDebug("Timer {TimerId}: {Outcome}", id, outcome);
                if (outcome == TimerFireOutcome.Waiting)
                {
                    var rest = queue.Skip(i).Select(t => t.Id).ToList();
                    await using var db = _runtime.Database.CreateContext();
                    await db.Timers.Where(t => rest.Contains(t.Id) && t.Status == TimerStatus.Pending && t.JobId == claimant)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArmedAt, (DateTimeOffset?)null).SetProperty(t => t.JobId, (string?)null), cancellationToken);
                    return;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Left pending and claimed, with the instance's later timers: fired again once the claim is old (LostTimerGrace).
                _logger.LogWarning(e, "Timer {TimerId} could not be fired; it and {Later} later timers of its instance are retried after {Grace}", id, queue.Count - i - 1, _runtime.Options.LostTimerGrace);
                return;
            }
        }
    }

    /// <summary>Pending timers of running instances (and cron timers) due longer ago than twice
    /// <see cref="WorkflowRuntimeOptions.LostTimerGrace"/>: what a working timer pump would already have fired. Zero
    /// when every server's pump keeps up; otherwise the count and the oldest due instant, for health checks.</summary>
    public async Task<(int Count, DateTimeOffset? OldestDueAt)> LateTimersAsync(CancellationToken cancellationToken = default)
    {
        var before = _runtime.UtcNow() - (2 * _runtime.Options.LostTimerGrace);
        await using var db = _runtime.Database.CreateContext();
        var late = PendingTimersOfActiveInstances(db).Where(t => t.DueAt < before);
        var count = await late.CountAsync(cancellationToken);
        return count == 0 ? (0, null) : (count, await late.MinAsync(t => t.DueAt, cancellationToken));
    }

    private async Task<List<ClaimedTimer>> ClaimDueTimersAsync(int batch, string claimant, CancellationToken cancellationToken)
    {
        var now = _runtime.UtcNow();
        var abandonedBefore = now - _runtime.Options.LostTimerGrace;
        await using var db = _runtime.Database.CreateContext();
        if (_runtime.Database.IsPostgres)
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
        await using var transaction = await _runtime.Database.BeginWriteTransactionAsync(db, cancellationToken);
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
}
