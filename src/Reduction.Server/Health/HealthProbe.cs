using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Server.Clock;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Health;

/// <summary>Checks the database and this process's Hangfire server, each within a few seconds, says which clock the
/// server runs on (`system`, or `drill` for the drill clock) and whether timers are late.</summary>
public sealed class HealthProbe(WorkflowRuntime runtime, JobStorage storage, HangfireServerState server, TimeProvider time)
{
    public const string Ok = "ok";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Hangfire's own limit: a server whose heartbeat is older is considered dead and removed.</summary>
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The monitor ticks every two seconds; much longer silence means the processing loop is gone.</summary>
    private static readonly TimeSpan MonitorSilence = TimeSpan.FromSeconds(30);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var databaseStatus = await CheckDatabaseAsync(cancellationToken);
        var jobsStatus = databaseStatus == Ok ? await CheckJobServerAsync(cancellationToken) : "unknown: database unavailable";
        var status = databaseStatus == Ok && jobsStatus == Ok ? Ok : "unavailable";
        var timers = databaseStatus == Ok ? await CheckTimersAsync(cancellationToken) : "unknown: database unavailable";
        return new HealthReport(status, databaseStatus, jobsStatus, server.ServerId, ClockApi.ModeOf(time), timers);
    }

    private async Task<string> CheckTimersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (count, oldest) = await runtime.Timers.LateTimersAsync(cancellationToken).WaitAsync(Patience, cancellationToken);
            return count == 0
                ? Ok
                : string.Create(CultureInfo.InvariantCulture, $"{count} late, oldest due {BeijingTime.ToBeijing(oldest!.Value):yyyy-MM-dd'T'HH:mm:sszzz}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"unavailable: {e.GetType().Name}";
        }
    }

    private async Task<string> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);

        // Twice: after the database restarted, the first pooled connection taken may be a dead one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = runtime.Database.CreateContext();
                await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
                return Ok;
            }
            catch (Exception) when (attempt < 2 && !timeout.IsCancellationRequested)
            {
                // Try once more with a fresh connection.
            }
            catch (Exception e)
            {
                return $"unavailable: {e.GetType().Name}";
            }
        }
    }

    private async Task<string> CheckJobServerAsync(CancellationToken cancellationToken)
    {
        var id = server.ServerId;
        if (id is null)
        {
            return "not started";
        }

        if (time.GetElapsedTime(server.LastSeen) > MonitorSilence)
        {
            return "processing stopped";
        }

        try
        {
            // Hangfire's storage API is synchronous: keep a hanging database from holding the request.
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken).WaitAsync(Patience, cancellationToken);
            var mine = servers.FirstOrDefault(s => s.Name == id);
            if (mine is null)
            {
                return "not registered";
            }

            // Hangfire stamps heartbeats with the real clock, whatever the drill clock shows.
            var now = TimeProvider.System.GetUtcNow();
            return mine.Heartbeat is { } heartbeat && now - new DateTimeOffset(DateTime.SpecifyKind(heartbeat, DateTimeKind.Utc)) < ServerTimeout
                ? Ok
                : "heartbeat stale";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"unavailable: {e.GetType().Name}";
        }
    }
}
