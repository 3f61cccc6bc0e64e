using Hangfire;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Scheduling;

/// <summary>Re-arms timers that were never handed to Hangfire or whose job was lost, and re-dispatches pending
/// effects. Runs every few seconds on every server (see <c>WorkflowSweeper</c>); everything it triggers is idempotent.</summary>
public sealed class SweepJob(WorkflowRuntime runtime, ILogger<SweepJob> logger)
{
    // The next sweep comes within seconds: retrying an old one only adds work.
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var count = await runtime.Sweep.SweepAsync(cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Sweep re-armed or re-dispatched {Count} timers and effects", count);
        }
    }
}
