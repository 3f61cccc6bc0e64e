using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tasks;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(f) What the database can do (pgbench TPC-B) against task completions through TaskService.CompleteAsync,
/// each a burst that resumes its instance to the end, from several concurrent callers.</summary>
internal static partial class PhysicalLimit
{
    /// <summary>A warm-up round that JIT-compiles fewer methods than this ends the warm-up.</summary>
    private const int QuietJit = 10;

    public static async Task RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        var tps = await PgbenchAsync(cluster, sizes, table, cancellationToken);
        await PrintProfileAsync(cluster, "pgbench", cancellationToken);

        const string Database = "bench_tasks";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            await using var host = await BenchHost.StartAsync(connectionString, server: false, cancellationToken);
            await host.PublishAsync(BenchDefinitions.Task(), cancellationToken);
            var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
            var options = new ParallelOptions { MaxDegreeOfParallelism = sizes.Callers, CancellationToken = cancellationToken };
            var clock = Stopwatch.StartNew();
            var warmup = sizes.TaskWarmup;
            var issued = sizes.Tasks + warmup;
            await Parallel.ForEachAsync(Enumerable.Range(0, issued), options, async (i, token) =>
                await host.Runtime.StartAsync(BenchDefinitions.TaskId, new JsonObject { ["year"] = year, ["key"] = i.ToString(CultureInfo.InvariantCulture) }, cancellationToken: token));
            var issuing = clock.Elapsed;
            await PrintProfileAsync(cluster, "issuing", cancellationToken);

            var tasks = await Sql.QueryAsync(connectionString, """SELECT "Id" FROM workflows.workflow_tasks WHERE "Status" = 'Open'""", r => r.GetGuid(0), cancellationToken);
            if (tasks.Count != issued)
            {
                throw new InvalidOperationException($"{tasks.Count} of {issued} tasks are open after issuing");
            }

            var service = new TaskService(host.Runtime);
            var accepted = 0;
            async Task CompleteAsync(IEnumerable<Guid> ids) => await Parallel.ForEachAsync(ids, options, async (taskId, token) =>
            {
                var data = new JsonObject { ["cod"] = 12.5, ["nh3n"] = 1.25, ["note"] = "基准数据" };
                if (await service.CompleteAsync(taskId, data, "bench", token) == TaskActionResult.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
            });

            // The receipt notices reach Hangfire after the completions return (jobs shared by notices close together):
            // the timed phase ends only when every one of them has its job, so that work is counted too.
            var scheduler = (HangfireWorkflowScheduler)host.Runtime.Scheduler;
            var warmed = 0;
            var lastRoundJit = 0;
            while (warmed < warmup)
            {
                var round = tasks.Skip(warmed).Take(Math.Min(sizes.TaskWarmupRound, warmup - warmed)).ToList();
                var compiled = JitInfo.GetCompiledMethodCount();
                await CompleteAsync(round);
                await scheduler.FlushAsync(TimeSpan.FromMinutes(1));
                warmed += round.Count;
                lastRoundJit = (int)(JitInfo.GetCompiledMethodCount() - compiled);
                if (lastRoundJit < QuietJit)
                {
                    break;
                }
            }

            table.Note("f", $"warm-up: {warmed} completions, in rounds of {sizes.TaskWarmupRound} until one JIT-compiled fewer than {QuietJit} methods (the last: {lastRoundJit})");
            await PrintProfileAsync(cluster, "warm-up completions", cancellationToken);
            var handOffs = scheduler.NoticeHandOffs;
            var probe = ResourceProbe.Start();
            var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
            clock.Restart();
            await CompleteAsync(tasks.Skip(warmup));
            if (!await scheduler.FlushAsync(TimeSpan.FromMinutes(1)))
            {
                throw new InvalidOperationException("receipt notices still waiting for their Hangfire job a minute after the last completion");
            }

            var completing = clock.Elapsed;
            var notices = scheduler.NoticeHandOffs.Notices - handOffs.Notices;
            var noticeJobs = scheduler.NoticeHandOffs.Jobs - handOffs.Jobs;
            table.Note("f", string.Create(CultureInfo.InvariantCulture, $"receipt notices handed to Hangfire in the timed phase: {notices} in {noticeJobs} delivery jobs ({(noticeJobs == 0 ? 0 : (double)notices / noticeJobs):0.0} per job; Hangfire:NoticeHandOffDelay {new WorkflowHangfireOptions().NoticeHandOffDelay.TotalMilliseconds:0} ms)"));
            table.Note("f", string.Create(CultureInfo.InvariantCulture, $"JIT during the timed completions (tiering still going on after the warm-up): {JitInfo.GetCompiledMethodCount() - jitMethods} methods, {(JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:0} ms"));
            await PrintProfileAsync(cluster, "completions", cancellationToken);
            table.Note("f", $"completions: {probe.Describe(sizes.Tasks)}");
            var completed = await Sql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM workflows.workflow_instances WHERE "Status" = 'Completed'""", cancellationToken);
            if (accepted != warmed + sizes.Tasks || completed != warmed + sizes.Tasks)
            {
                throw new InvalidOperationException($"{accepted} completions accepted, {completed} instances completed, of {warmed + sizes.Tasks}");
            }

            var rate = sizes.Tasks / completing.TotalSeconds;
            table.Add("f", "task completions (TaskService.CompleteAsync)", rate, "completions/s", (tps, "tps", "pgbench TPC-B"), "≥ 25% of pgbench", rate >= 0.25 * tps);
            table.Note("f", $"{issued} tasks issued ({ResultTable.Format(issued / issuing.TotalSeconds)} instances/s), {warmed} completed untimed to warm up, then {sizes.Tasks} completed by {sizes.Callers} callers in {completing.TotalSeconds:0.0} s; each completion: lookup, burst (IssueTask resumption, receipt notice, timers cancelled, End), commit, receipt handed to Hangfire (the clock stops when every receipt has its delivery job); no job server running meanwhile");
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    private static async Task<double> PgbenchAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_pgbench";
        await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            var pgbench = Path.Combine(cluster.Binaries, "pgbench");
            string[] connection = ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres"];
            await ChildProcess.RunAsync(pgbench, [.. connection, "-i", "-q", "-s", sizes.PgbenchScale.ToString(CultureInfo.InvariantCulture), Database], TimeSpan.FromMinutes(10), cancellationToken);
            var clients = sizes.Callers.ToString(CultureInfo.InvariantCulture);
            var probe = ResourceProbe.Start();
            var output = await ChildProcess.RunAsync(
                pgbench,
                [.. connection, "-c", clients, "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), "-T", sizes.PgbenchSeconds.ToString(CultureInfo.InvariantCulture), Database],
                TimeSpan.FromSeconds(sizes.PgbenchSeconds + 300),
                cancellationToken);
            var match = TpsPattern().Match(output);
            if (!match.Success)
            {
                throw new InvalidOperationException($"no tps in pgbench's output:\n{output}");
            }

            var tps = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            table.Note("f", $"pgbench: {probe.Describe(1).Split(';')[0]} (pgbench's own client is among the other processes)");
            table.Add("f", "pgbench TPC-B (reference)", tps, "tps");
            table.Note("f", $"pgbench -s {sizes.PgbenchScale} -c {clients} -j {Environment.ProcessorCount} -T {sizes.PgbenchSeconds} (TPC-B-like: 3 updates, 1 select, 1 insert per transaction)");
            return tps;
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    /// <summary>With <c>--profile</c>: the statements of one phase of the step (the step's own list would mix pgbench,
    /// issuing and completing).</summary>
    private static async Task PrintProfileAsync(PostgresCluster cluster, string phase, CancellationToken cancellationToken)
    {
        var lines = await cluster.TopStatementsAsync(12, cancellationToken);
        if (lines.Count > 0)
        {
            Console.WriteLine($"  f statements of {phase}:");
        }

        foreach (var line in lines)
        {
            Console.WriteLine($"    {line}");
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();
}
