using System.Diagnostics;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(b) The engine: instances of the ten-activity workflow with a one-second timer. Starts run from a host
/// without a job server (so no timer fires meanwhile); once every timer is due, a host with the Hangfire server drains
/// them through the real path (the server's timer pump claiming due rows, FireTimerAsync, burst).</summary>
internal static class EngineThroughput
{
    private const int WarmUp = 20;

    /// <returns>Instances started per second (used to size the timer test's lead time).</returns>
    public static async Task<double> RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, double baselineJobsPerSecond, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_engine";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            TimeSpan starting;
            await using (var client = await BenchHost.StartAsync(connectionString, server: false, cancellationToken))
            {
                await client.PublishAsync(BenchDefinitions.Burst(), cancellationToken);
                for (var i = 0; i < WarmUp; i++)
                {
                    await client.Runtime.StartAsync(BenchDefinitions.BurstId, cancellationToken: cancellationToken);
                }

                var probe = ResourceProbe.Start();
                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, sizes.EngineInstances),
                    new ParallelOptions { MaxDegreeOfParallelism = sizes.Callers, CancellationToken = cancellationToken },
                    async (_, token) => await client.Runtime.StartAsync(BenchDefinitions.BurstId, cancellationToken: token));
                starting = clock.Elapsed;
                table.Note("b", $"starts: {probe.Describe(sizes.EngineInstances)}");
            }

            var total = sizes.EngineInstances + WarmUp;
            var waiting = await Sql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM workflows.workflow_instances WHERE "Status" = 'Running'""", cancellationToken);
            if (waiting != total)
            {
                throw new InvalidOperationException($"{waiting} of {total} instances are waiting after the start burst");
            }

            var activities = sizes.EngineInstances * BenchDefinitions.ActivitiesPerStartBurst / starting.TotalSeconds;
            var starts = sizes.EngineInstances / starting.TotalSeconds;
            table.Add("b", "engine: inline activities (start bursts)", activities, "activities/s", (baselineJobsPerSecond, "jobs/s", "a"), "≥ 5× baseline", activities >= 5 * baselineJobsPerSecond);
            table.Note("b", $"{sizes.EngineInstances} instances started by {sizes.Callers} callers in {starting.TotalSeconds:0.0} s = {ResultTable.Format(starts)} starts/s; each start burst runs {BenchDefinitions.ActivitiesPerStartBurst} activities (Start, 7 SetVariable, Delay), and commits the timer row (no Hangfire job: the servers' timer pumps find it when due)");

            // Hangfire holds delayed jobs to whole seconds (the runtime rounds up): wait past the last one.
            var lastDue = await Sql.ScalarAsync<DateTime>(connectionString, """SELECT max("DueAt") FROM workflows.workflow_timers""", cancellationToken);
            var wait = new DateTimeOffset(lastDue, TimeSpan.Zero).AddSeconds(1.5) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            JobRecorder.Instance.Clear();
            var drainProbe = ResourceProbe.Start();
            var drain = Stopwatch.StartNew();
            await using (var server = await BenchHost.StartAsync(connectionString, server: true, cancellationToken))
            {
                await Sql.WaitUntilAsync(
                    async () => await Sql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM workflows.workflow_instances WHERE "Status" = 'Completed'""", cancellationToken) == total,
                    TimeSpan.FromSeconds(60 + (total / 5)),
                    "completion of every instance",
                    cancellationToken);
                drain.Stop();
                table.Note("b", $"timer drain: {drainProbe.Describe(total)}");
            }

            var span = await Sql.QueryAsync(
                connectionString,
                """SELECT min("FinishedAt"), max("FinishedAt") FROM workflows.workflow_instances WHERE "Status" = 'Completed'""",
                r => r.GetFieldValue<DateTime>(1) - r.GetFieldValue<DateTime>(0),
                cancellationToken);
            var resumes = (total - 1) / span[0].TotalSeconds;
            table.Add("b", "engine: timer resumes through the server (timer pump)", resumes, "resumes/s", (baselineJobsPerSecond, "jobs/s", "a"), "≥ 0.7× baseline", resumes >= 0.7 * baselineJobsPerSecond);
            table.Note("b", $"{total} due timers drained in {drain.Elapsed.TotalSeconds:0.0} s from server start (fired by the timer pump); rate taken between the first and last instance completion; each resume runs Delay's resumption and End");
            await DirectFiresAsync(connectionString, sizes, baselineJobsPerSecond, table, cancellationToken);
            return starts;
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    /// <summary>The runtime's share of a resume: due timers fired by calling FireTimerAsync directly, no Hangfire.</summary>
    private static async Task DirectFiresAsync(string connectionString, BenchmarkSizes sizes, double baselineJobsPerSecond, ResultTable table, CancellationToken cancellationToken)
    {
        var count = Math.Min(sizes.EngineInstances, 500);
        await using var client = await BenchHost.StartAsync(connectionString, server: false, cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = sizes.Callers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (_, token) =>
            await client.Runtime.StartAsync(BenchDefinitions.BurstId, cancellationToken: token));
        var timers = await Sql.QueryAsync(connectionString, """SELECT "Id" FROM workflows.workflow_timers WHERE "Status" = 'Pending'""", r => r.GetGuid(0), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var probe = ResourceProbe.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(timers, options, async (id, token) => await client.Runtime.FireTimerAsync(id, token));
        var rate = timers.Count / clock.Elapsed.TotalSeconds;
        table.Add("b", "engine: timer resumes, runtime only (FireTimerAsync called directly)", rate, "resumes/s", (baselineJobsPerSecond, "jobs/s", "a"));
        table.Note("b", $"direct fires: {timers.Count} by {sizes.Callers} callers; {probe.Describe(timers.Count)}");
    }
}
