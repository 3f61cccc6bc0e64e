using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;

namespace Reduction.Benchmarks.Support;

/// <summary>A Hangfire server filter noting every job that ran to the end without throwing: its type, first argument,
/// and when. Process-wide (Hangfire's global filters), so the baseline and the engine are timed the same way.</summary>
internal sealed class JobRecorder : JobFilterAttribute, IServerFilter
{
    private readonly ConcurrentQueue<JobRun> _runs = new();

    public static JobRecorder Instance { get; } = new();

    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is null)
        {
            var job = context.BackgroundJob.Job;
            _runs.Enqueue(new JobRun(job.Type.Name, job.Args.Count > 0 ? job.Args[0] : null, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow));
        }
    }

    public int Count(string jobType) => _runs.Count(r => r.JobType == jobType);

    public IReadOnlyList<JobRun> Runs(string jobType) => [.. _runs.Where(r => r.JobType == jobType).OrderBy(r => r.Timestamp)];

    public void Clear() => _runs.Clear();

    /// <summary>Jobs per second between the first and the last recorded run of <paramref name="jobType"/>.</summary>
    public double Rate(string jobType)
    {
        var runs = Runs(jobType);
        return runs.Count < 2 ? 0 : (runs.Count - 1) / Stopwatch.GetElapsedTime(runs[0].Timestamp, runs[^1].Timestamp).TotalSeconds;
    }

    internal sealed record JobRun(string JobType, object? Argument, long Timestamp, DateTimeOffset At);
}
