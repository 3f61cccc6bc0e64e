using Hangfire;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Scheduling;

/// <summary>Runs one outbox effect (child start, parent resume). Idempotent: a done effect is skipped, and the
/// work itself is keyed (correlation key, consumed bookmark).</summary>
public sealed class EffectJob(WorkflowRuntime runtime)
{
    // Same reasoning as timers: short retries for transient trouble; the sweep re-dispatches what stays pending.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 5, 30])]
    public Task ExecuteAsync(Guid id, CancellationToken cancellationToken) =>
        runtime.ExecuteEffectAsync(id, cancellationToken);
}
