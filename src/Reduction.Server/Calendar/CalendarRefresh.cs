using Reduction.Workflows.Calendar;

namespace Reduction.Server.Calendar;

/// <summary>Applies calendar changes saved by other processes (another server on the same database, the CLI): every
/// <see cref="CalendarStore.RefreshInterval"/> (real time) it compares the calendar's version counter with the one
/// applied and reloads the stored arrangements when it moved. Changes saved through this server apply at once. Registered
/// after <see cref="Hosting.WorkflowStartup"/>, so its start applies them once the database is migrated and before the job
/// server computes any deadline; a stored row that no longer reads stops the start with its layer and year named.</summary>
internal sealed class CalendarRefresh(CalendarStore store, ILogger<CalendarRefresh> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.RefreshAsync(force: true, cancellationToken);
        logger.LogInformation("Calendar arrangements applied (version {Version})", store.AppliedVersion);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CalendarStore.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await store.RefreshAsync(cancellationToken: stoppingToken))
                    {
                        logger.LogInformation("Calendar arrangements reloaded (version {Version})", store.AppliedVersion);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The calendar in force stays as it was; the next tick tries again.
                    logger.LogWarning("Calendar arrangements not reloaded: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
