using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Execution;

/// <summary>Hands the scheduler again what it never got or lost: timers (for schedulers that take them one by one) and
/// pending effects.</summary>
public sealed class DispatchSweep
{
    private readonly WorkflowRuntime _runtime;
    private readonly TimerArming _arming;

    internal DispatchSweep(WorkflowRuntime runtime, TimerArming arming)
    {
        _runtime = runtime;
        _arming = arming;
    }

    /// <summary>Re-arms timers never handed to the scheduler or lost by it (schedulers that take timers one by one), and
    /// re-dispatches pending effects. Safe to run any time on any server: everything it triggers is idempotent.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = _runtime.UtcNow();
        var options = _runtime.Options;
        await using var db = _runtime.Database.CreateContext();
        var armBefore = now - options.ArmGrace;
        var lostBefore = now - options.LostTimerGrace;
        List<TimerRecord> timers = [];
        if (!_runtime.Scheduler.PollsTimers)
        {
            timers = await db.Timers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Pending
                    && ((t.JobId == null && t.CreatedAt < armBefore) || (t.DueAt < lostBefore && (t.ArmedAt == null || t.ArmedAt < lostBefore))))
                .OrderBy(t => t.DueAt)
                .Take(1000)
                .ToListAsync(cancellationToken);
            _arming.Arm(timers);
        }

        var effects = await db.Effects.AsNoTracking().Where(e => e.Status == EffectStatus.Pending && e.CreatedAt < lostBefore).Select(e => e.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var effect in effects)
        {
            _runtime.Scheduler.EnqueueEffect(effect);
        }

        return timers.Count + effects.Count;
    }
}
