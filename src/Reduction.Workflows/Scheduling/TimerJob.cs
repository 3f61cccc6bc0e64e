using Hangfire;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Scheduling;

/// <summary>Fires one durable timer. Timers are now fired by <c>DueTimerPump</c>; this job stays so that timer jobs
/// queued by earlier releases still run (Hangfire finds a job's class by name). The runtime re-checks the timer's status
/// and due instant, so a repeated or early run is harmless.</summary>
public sealed class TimerJob(WorkflowRuntime runtime, ILogger<TimerJob> logger)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 5, 30])]
    public async Task ExecuteAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await runtime.FireTimerAsync(id, cancellationToken);
        logger.LogDebug("Timer {TimerId}: {Outcome}", id, outcome);
    }
}
