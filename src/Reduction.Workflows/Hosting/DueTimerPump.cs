using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Hosting;

/// <summary>Fires due timers straight from the timer table, on every server: every
/// <see cref="WorkflowHangfireOptions.SchedulePollingInterval"/> it claims up to <see cref="WorkflowHangfireOptions.TimerBatchSize"/>
/// due timers and fires them, each instance's in due order and <see cref="WorkflowHangfireOptions.TimerParallelism"/> instances
/// at a time, looping at once while full
/// batches come back. "Due" is read from the runtime's clock (<see cref="WorkflowRuntime.UtcNow"/>), the polling interval
/// from the real one. While the database is away it backs off up to <see cref="MaxBackoff"/> and logs once per outage.</summary>
internal sealed class DueTimerPump(WorkflowRuntime runtime, IOptions<WorkflowHangfireOptions> options, ILogger<DueTimerPump> logger) : BackgroundService
{
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Stamped on claimed timers (<c>JobId</c>) so a timer shows which server fired it.</summary>
    internal static string Claimant { get; } = Truncate($"pump:{Environment.MachineName}:{Environment.ProcessId}", 100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await runtime.Timers.FireDueTimersAsync(settings.TimerBatchSize, settings.TimerParallelism, Claimant, stoppingToken);
                if (failures > 0)
                {
                    logger.LogInformation("Timer pump recovered after {Failures} failed polls", failures);
                    failures = 0;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    logger.LogWarning(e, "Timer pump could not poll due timers; retrying with back-off up to {MaxBackoff}", MaxBackoff);
                }
            }

            if (claimed >= settings.TimerBatchSize)
            {
                continue; // more may be due: no pause while the backlog lasts
            }

            var pause = failures == 0
                ? settings.SchedulePollingInterval
                : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, settings.SchedulePollingInterval.Ticks << Math.Min(failures, 10)));
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
