using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Hosting;

/// <summary>Runs <see cref="SweepJob"/> in-process every <see cref="WorkflowHangfireOptions.SweepInterval"/>, starting
/// at once so timers lost while the server was down are armed on start. Not a Hangfire recurring job: Hangfire's
/// cron resolution is one minute, too coarse for a 30-second lost-timer grace.</summary>
internal sealed class WorkflowSweeper(
    IServiceScopeFactory scopes,
    IOptions<WorkflowHangfireOptions> options,
    TimeProvider time,
    ILogger<WorkflowSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SweepJob>().ExecuteAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // One failed sweep (database briefly away) must not stop the next ones.
                logger.LogWarning(e, "Workflow sweep failed; retrying in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
