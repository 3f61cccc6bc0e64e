using System.Diagnostics;
using System.Globalization;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>The child process of (e): a server host (runtime, Hangfire server, sweeper) that serves signal resumes for
/// the keys in a file from several concurrent callers, then reports its peak working set on standard output.</summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    /// <summary><c>serve &lt;connection string&gt; &lt;keys file&gt; &lt;callers&gt;</c></summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 3)
        {
            await Console.Error.WriteLineAsync("usage: serve <connection string> <keys file> <callers>");
            return 2;
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var keys = await File.ReadAllLinesAsync(arguments[1], limit.Token);
        var callers = int.Parse(arguments[2], CultureInfo.InvariantCulture);
        var resumed = 0;
        var clock = Stopwatch.StartNew();
        await using (var host = await BenchHost.StartAsync(arguments[0], server: true, limit.Token))
        {
            var started = clock.Elapsed;
            clock.Restart();
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = callers, CancellationToken = limit.Token }, async (key, token) =>
            {
                if (await host.Runtime.SignalAsync(BenchDefinitions.Signal, key, cancellationToken: token) == 1)
                {
                    Interlocked.Increment(ref resumed);
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host-start-seconds={started.TotalSeconds:0.00}"));
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resumes={resumed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds={clock.Elapsed.TotalSeconds:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak-working-set-bytes={self.PeakWorkingSet64}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed-heap-bytes={GC.GetGCMemoryInfo().HeapSizeBytes}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server-gc={System.Runtime.GCSettings.IsServerGC}"));
        return 0;
    }
}
