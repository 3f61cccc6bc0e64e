using System.Diagnostics;
using System.Globalization;

namespace Reduction.Benchmarks.Support;

/// <summary>Where a phase spent its time: CPU of this process, of the benchmark's PostgreSQL (postmaster and its
/// children, from /proc) and of everything else on the machine, and database commands this process sent (Npgsql's
/// activity source: EF Core and Hangfire alike).</summary>
internal sealed class ResourceProbe
{
    private static readonly ActivityListener Listener = CreateListener();
    private static long _commands;

    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly TimeSpan _startOwn = OwnCpu();
    private readonly TimeSpan _startBusy = MachineBusy();
    private readonly long _startCommands = Interlocked.Read(ref _commands);
    private readonly TimeSpan _startPostgres = PostgresCpu();

    private ResourceProbe()
    {
    }

    /// <summary>The benchmark cluster's postmaster, once started.</summary>
    public static int? PostmasterId { get; set; }

    public static ResourceProbe Start()
    {
        GC.KeepAlive(Listener);
        return new ResourceProbe();
    }

    /// <summary>E.g. "app 1.1 cores, PostgreSQL and the rest 0.8 cores of 2; 21.3 commands each".</summary>
    public string Describe(int operations)
    {
        var wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var own = (OwnCpu() - _startOwn).TotalSeconds;
        var busy = (MachineBusy() - _startBusy).TotalSeconds;
        var postgres = (PostgresCpu() - _startPostgres).TotalSeconds;
        var commands = Interlocked.Read(ref _commands) - _startCommands;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU: this process {own / wall:0.00} cores, PostgreSQL {postgres / wall:0.00}, other processes {Math.Max(0, busy - own - postgres) / wall:0.00} (of {Environment.ProcessorCount}); {(double)commands / Math.Max(1, operations):0.0} database commands per operation from this process");
    }

    private static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Busy CPU time of the whole machine (all but idle and iowait), from /proc/stat's first line.</summary>
    private static TimeSpan MachineBusy()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = fields.Sum() - fields[3] - fields[4];
            return TimeSpan.FromSeconds(busy / 100.0); // USER_HZ
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>CPU of the postmaster (with its exited children, reaped into cutime/cstime) and of its live children.</summary>
    private static TimeSpan PostgresCpu()
    {
        if (PostmasterId is not { } postmaster)
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the third (state) on
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += Field(14) + Field(15) + Field(16) + Field(17);
                }
                else if (parent == postmaster)
                {
                    ticks += Field(14) + Field(15);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = _ => Interlocked.Increment(ref _commands),
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
