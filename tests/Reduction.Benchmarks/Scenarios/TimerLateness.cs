using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(c) Timer lateness: timers due evenly within one window, created while the server runs, fired through
/// Hangfire. The baseline is raw Hangfire: the same number of delayed trivial jobs over the same window.</summary>
internal static class TimerLateness
{
    public static async Task RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, double startsPerSecond, ResultTable table, CancellationToken cancellationToken)
    {
        // Every timer must be created before it is due: twice the expected start time, within bounds.
        var lead = TimeSpan.FromSeconds(Math.Clamp((2 * sizes.Timers / Math.Max(startsPerSecond, 1)) + 5, 10, 120));
        var rawRuns = await RawHangfireAsync(cluster, sizes, lead, cancellationToken);
        var engineRuns = await EngineAsync(cluster, sizes, lead, table, cancellationToken);
        var raw = rawRuns.Select(r => (r.Ran - r.Due).TotalMilliseconds).ToList();
        var engine = engineRuns.Select(r => (r.Ran - r.Due).TotalMilliseconds).ToList();

        // Hangfire keeps a delayed job's instant in whole seconds (truncated): what remains for raw jobs after that
        // instant is Hangfire's polling and the work itself. The engine's timers are not Hangfire jobs.
        var rawAfterHold = rawRuns.Select(r => (r.Ran - Truncate(r.Due)).TotalMilliseconds).ToList();
        table.Note("c", string.Create(CultureInfo.InvariantCulture,
            $"raw Hangfire after its whole-second instant: p50 {Stats.Percentile(rawAfterHold, 50):0} ms, p99 {Stats.Percentile(rawAfterHold, 99):0} ms, max {rawAfterHold.Max():0} ms"));

        double Early(List<double> lateness) => lateness.Count(l => l < 0);
        table.Add("c", "timer lateness p50", Stats.Percentile(engine, 50), "ms", (Stats.Percentile(raw, 50), "ms", "raw Hangfire delayed jobs"));
        table.Add("c", "timer lateness p99", Stats.Percentile(engine, 99), "ms", (Stats.Percentile(raw, 99), "ms", "raw Hangfire delayed jobs"), "≤ 1,000 ms", Stats.Percentile(engine, 99) <= 1000);
        table.Add("c", "timer lateness max", engine.Max(), "ms", (raw.Max(), "ms", "raw Hangfire delayed jobs"));
        table.Add("c", "timers fired early (FiredAt < DueAt)", Early(engine), "timers", (Early(raw), "jobs", "raw Hangfire delayed jobs"), "0", Early(engine) == 0);
        table.Note("c", $"{sizes.Timers} timers due evenly over {sizes.TimerWindow.TotalSeconds:0} s, starting {lead.TotalSeconds:0} s after the first was created; raw Hangfire: lateness = job run end − requested instant, early = negative");
    }

    private static async Task<List<(DateTimeOffset Due, DateTimeOffset Ran)>> RawHangfireAsync(PostgresCluster cluster, BenchmarkSizes sizes, TimeSpan lead, CancellationToken cancellationToken)
    {
        const string Database = "bench_timers_raw";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            var storage = HangfireBaseline.CreateStorage(connectionString);
            var client = new BackgroundJobClient(storage);
            var due = new ConcurrentDictionary<Guid, DateTimeOffset>();
            JobRecorder.Instance.Clear();
            using var server = new BackgroundJobServer(HangfireBaseline.ServerOptions(), storage);
            var origin = DateTimeOffset.UtcNow + lead;
            for (var i = 0; i < sizes.Timers; i++)
            {
                var id = Guid.CreateVersion7();
                var at = origin + (sizes.TimerWindow * i / sizes.Timers);
                due[id] = at;
                client.Schedule<TrivialJob>(j => j.ExecuteAsync(id, CancellationToken.None), at);
            }

            await HangfireBaseline.WaitAsync(() => JobRecorder.Instance.Count(nameof(TrivialJob)) >= sizes.Timers, lead + sizes.TimerWindow + TimeSpan.FromSeconds(60), "the delayed jobs", cancellationToken);
            server.SendStop();
            return [.. JobRecorder.Instance.Runs(nameof(TrivialJob)).Select(r => (due[(Guid)r.Argument!], r.At))];
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    private static async Task<List<(DateTimeOffset Due, DateTimeOffset Ran)>> EngineAsync(PostgresCluster cluster, BenchmarkSizes sizes, TimeSpan lead, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_timers";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            await using var host = await BenchHost.StartAsync(connectionString, server: true, cancellationToken);
            await host.PublishAsync(BenchDefinitions.Timer(), cancellationToken);
            JobRecorder.Instance.Clear();
            var origin = DateTimeOffset.UtcNow + lead;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, sizes.Timers),
                new ParallelOptions { MaxDegreeOfParallelism = sizes.Callers, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var at = origin + (sizes.TimerWindow * i / sizes.Timers);
                    var input = new JsonObject { ["due_at"] = at.ToString("O", CultureInfo.InvariantCulture) };
                    await host.Runtime.StartAsync(BenchDefinitions.TimerId, input, cancellationToken: token);
                });
            table.Note("c", $"{sizes.Timers} timer instances started in {clock.Elapsed.TotalSeconds:0.0} s while the server ran");

            await Sql.WaitUntilAsync(
                async () => await Sql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM workflows.workflow_timers WHERE "Status" = 'Fired'""", cancellationToken) == sizes.Timers,
                lead + sizes.TimerWindow + TimeSpan.FromSeconds(60),
                "every timer firing",
                cancellationToken);

            var timers = await Sql.QueryAsync(
                connectionString,
                """SELECT "DueAt", "FiredAt", "CreatedAt", "JobId" FROM workflows.workflow_timers WHERE "Status" = 'Fired'""",
                r => (Due: r.GetFieldValue<DateTime>(0), Fired: r.GetFieldValue<DateTime>(1), Created: r.GetFieldValue<DateTime>(2), JobId: r.IsDBNull(3) ? "?" : r.GetString(3)),
                cancellationToken);
            var createdLate = timers.Count(t => t.Created > t.Due);
            table.Note("c", $"{timers.Count} timers fired by the timer pump ({timers.Select(t => t.JobId).Distinct().Count()} claimant); {createdLate} timers were created after their due instant");
            return [.. timers.Select(t => (new DateTimeOffset(t.Due, TimeSpan.Zero), new DateTimeOffset(t.Fired, TimeSpan.Zero)))];
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset instant) => instant.AddTicks(-(instant.UtcTicks % TimeSpan.TicksPerSecond));
}
