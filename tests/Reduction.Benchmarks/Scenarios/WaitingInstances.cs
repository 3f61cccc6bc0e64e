using System.Diagnostics;
using System.Globalization;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(d) Resume latency with few and many waiting instances, on one and on many versions of the definition, and
/// (e) the peak working set of a server process serving resumes against the many-versions database, small and large.</summary>
internal static class WaitingInstances
{
    private const int WarmUpResumes = 100;
    private const int RuntimeStarted = 200;

    public static async Task RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        var latency = new Dictionary<(int Waiting, int Versions), (double P50, double P95)>();
        var memory = new Dictionary<int, ServerMemory.ServeReport>();

        // The same number of resumes at both sizes; the templates are never resumed.
        var serveResumes = Math.Min(sizes.ServeResumes, sizes.SmallWaiting - sizes.Versions);
        foreach (var versions in new[] { 1, sizes.Versions })
        {
            var database = string.Create(CultureInfo.InvariantCulture, $"bench_waiting_{versions}");
            var connectionString = await cluster.CreateDatabaseAsync(database, cancellationToken);
            try
            {
                await using var host = await BenchHost.StartAsync(connectionString, server: false, cancellationToken);
                var seeder = new WaitingInstanceSeeder(host, connectionString, versions);
                await seeder.PrepareAsync(cancellationToken);
                await seeder.StartThroughRuntimeAsync(Math.Min(RuntimeStarted, sizes.SmallWaiting / 2), sizes.Callers, cancellationToken);
                foreach (var waiting in new[] { sizes.SmallWaiting, sizes.LargeWaiting })
                {
                    var clock = Stopwatch.StartNew();
                    var copied = await seeder.FillAsync(waiting, cancellationToken);
                    table.Note("d", $"{versions} version(s): {copied} copies written in {clock.Elapsed.TotalSeconds:0.0} s to reach {waiting} waiting instances ({seeder.JournalRowsPerInstance} journal rows each)");
                    var probe = ResourceProbe.Start();
                    latency[(waiting, versions)] = await MeasureAsync(host, seeder, versions, sizes.LatencySamples, cancellationToken);
                    table.Note("d", $"{waiting:#,0} waiting, {versions} version(s), latency run: {probe.Describe(WarmUpResumes + sizes.LatencySamples)}");
                    if (versions == sizes.Versions)
                    {
                        await seeder.FillAsync(waiting, cancellationToken);
                        var keys = await seeder.SampleKeysAsync(serveResumes, cancellationToken);
                        memory[waiting] = await ServerMemory.MeasureAsync(connectionString, keys, sizes.Callers, cancellationToken);
                    }
                }
            }
            finally
            {
                await cluster.DropDatabaseAsync(database, CancellationToken.None);
            }
        }

        var baseline = latency[(sizes.SmallWaiting, 1)];
        foreach (var ((waiting, versions), (p50, p95)) in latency.OrderBy(l => l.Key.Versions).ThenBy(l => l.Key.Waiting))
        {
            var what = $"{waiting:#,0} waiting, {versions} version{(versions == 1 ? string.Empty : "s")}";
            var isBaseline = waiting == sizes.SmallWaiting && versions == 1;
            table.Add("d", $"resume latency p50, {what}", p50, "ms", isBaseline ? null : (baseline.P50, "ms", "p50, first case"));
            table.Add("d", $"resume latency p95, {what}", p95, "ms", isBaseline ? null : (baseline.P95, "ms", "p95, first case"),
                isBaseline ? null : "≤ 1.5× baseline", isBaseline ? null : p95 <= 1.5 * baseline.P95);
        }

        table.Note("d", $"one caller, {sizes.LatencySamples} timed SignalAsync calls on random waiting instances after {WarmUpResumes} untimed ones and loading every version once; each resumes WaitForSignal and runs End");
        var small = memory[sizes.SmallWaiting];
        var large = memory[sizes.LargeWaiting];
        table.Add("e", $"server peak working set, {sizes.LargeWaiting:#,0} waiting", large.PeakWorkingSetBytes / 1048576.0, "MB",
            (small.PeakWorkingSetBytes / 1048576.0, "MB", $"same, {sizes.SmallWaiting:#,0} waiting"), "≤ 500 MB", large.PeakWorkingSetBytes <= 500L * 1048576);
        foreach (var (waiting, report) in memory.OrderBy(m => m.Key))
        {
            table.Note("e", $"{waiting:#,0} waiting ({sizes.Versions} versions): {report.Resumes} resumes by {sizes.Callers} callers in {report.Seconds:0.0} s; peak working set {report.PeakWorkingSetBytes / 1048576.0:0} MB (sampled RSS peak {report.SampledPeakBytes / 1048576.0:0} MB), managed heap at the end {report.ManagedHeapBytes / 1048576.0:0} MB; child process with server GC, Hangfire server and sweeper running");
        }
    }

    private static async Task<(double P50, double P95)> MeasureAsync(BenchHost host, WaitingInstanceSeeder seeder, int versions, int samples, CancellationToken cancellationToken)
    {
        for (var v = 1; v <= versions; v++)
        {
            await host.Runtime.Definitions.GetDefinitionAsync(BenchDefinitions.WaitId, v, cancellationToken);
        }

        var keys = await seeder.SampleKeysAsync(WarmUpResumes + samples, cancellationToken);
        var timings = new List<double>(samples);
        for (var i = 0; i < keys.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            var resumed = await host.Runtime.SignalAsync(BenchDefinitions.Signal, keys[i], cancellationToken: cancellationToken);
            clock.Stop();
            if (resumed != 1)
            {
                throw new InvalidOperationException($"signal for {keys[i]} resumed {resumed} instances");
            }

            if (i >= WarmUpResumes)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (Stats.Percentile(timings, 50), Stats.Percentile(timings, 95));
    }
}
