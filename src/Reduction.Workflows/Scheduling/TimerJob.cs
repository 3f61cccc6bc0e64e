using Hangfire;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Scheduling;

/// <summary>Fires one durable timer. The runtime re-checks the timer's status and due instant, so a repeated or early
/// run is harmless; a timer whose job is lost or failed for good is armed again by the sweep.</summary>
public sealed class TimerJob(WorkflowRuntime runtime, ILogger<TimerJob> logger)
{
    // Failures are infrastructure trouble (database unreachable, lock conflicts past the runtime's own retries):
    // retry soon a few times, then leave the job failed on the dashboard and the timer to the sweep.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 5, 30])]
    public async Task ExecuteAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await runtime.FireTimerAsync(id, cancellationToken);
        logger.LogDebug("Timer {TimerId}: {Outcome}", id, outcome);
    }
}
