using Hangfire;
using Reduction.Domain.Calendar;
using Reduction.Server.Audit;

namespace Reduction.Server.Hosting;

/// <summary>Registers the daily audit archive (<see cref="AuditArchiveJob"/>) as a Hangfire recurring job, at 03:30
/// Beijing time, when the console is quiet. Idempotent: every start, and every one of several servers, may do it.</summary>
internal sealed class AuditArchiveSchedule(IRecurringJobManager recurring, ILogger<AuditArchiveSchedule> logger) : IHostedService
{
    public const string Cron = "30 3 * * *";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<AuditArchiveJob>(
                AuditArchiveJob.RecurringJobId,
                job => job.ExecuteAsync(CancellationToken.None),
                Cron,
                new RecurringJobOptions { TimeZone = BeijingTime.Zone });
        }
        catch (Exception e) when (StorageErrors.IsUnavailable(e))
        {
            // The registration stays from an earlier start; serving must not wait for it.
            logger.LogWarning("Database unavailable: the daily audit archive job was not (re-)registered ({Error})", e.Message);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
