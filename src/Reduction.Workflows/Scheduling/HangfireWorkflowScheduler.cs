using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reduction.Workflows.Hosting;

namespace Reduction.Workflows.Scheduling;

/// <summary>Hands effects and notices to Hangfire as jobs; the database stays the truth. Timers are not Hangfire jobs:
/// every server's <c>DueTimerPump</c> claims due rows of the timer table and fires them, which is faster and more
/// punctual than a delayed job per timer (Hangfire keeps a delayed job's instant in whole seconds and moves it through
/// two more states). Hangfire stores each job's type and method by name: renaming or moving a job class or its methods
/// strands the jobs already queued (hence <see cref="TimerJob"/> and <see cref="NoticeJob.ExecuteAsync"/> stay for jobs
/// created by earlier releases).
/// <para>Notices are handed off without making the caller wait: a committed burst's notice rows are already durable
/// and due, so what Hangfire needs is one job that delivers whatever is due (<see cref="NoticeJob.DeliverDueAsync"/>),
/// not one job per row. Notices handed over within <see cref="WorkflowHangfireOptions.NoticeHandOffDelay"/> of each
/// other share one job (two commits in Hangfire's tables instead of two per notice). A hand-off lost with the process
/// (killed before the job was created) or refused by Hangfire (database away) leaves the rows pending, and the notice
/// sweep delivers them.</para></summary>
public sealed class HangfireWorkflowScheduler : IWorkflowScheduler, IAsyncDisposable, IDisposable
{
    // The jobs are built directly rather than from an expression (`jobs.Enqueue<EffectJob>(j => j.ExecuteAsync(id, …))`),
    // which builds an expression tree and evaluates its arguments on every call. Type, method and arguments are the
    // same, so the stored invocation data is unchanged and jobs queued by earlier releases still run.
    private static readonly MethodInfo EffectMethod = typeof(EffectJob).GetMethod(nameof(EffectJob.ExecuteAsync), [typeof(Guid), typeof(CancellationToken)])!;
    private static readonly MethodInfo DeliverDueMethod = typeof(NoticeJob).GetMethod(nameof(NoticeJob.DeliverDueAsync), [typeof(CancellationToken)])!;

    private readonly IBackgroundJobClient _jobs;
    private readonly TimeSpan _handOffDelay;
    private readonly ILogger _logger;
    private long _requested;
    private int _draining;
    private long _noticesHandedOff;
    private long _noticeJobs;

    public HangfireWorkflowScheduler(IBackgroundJobClient jobs, IOptions<WorkflowHangfireOptions>? options = null, ILogger<HangfireWorkflowScheduler>? logger = null)
    {
        _jobs = jobs;
        _handOffDelay = options?.Value.NoticeHandOffDelay ?? new WorkflowHangfireOptions().NoticeHandOffDelay;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public bool PollsTimers => true;

    /// <summary>Notices handed over so far, and the delivery jobs created for them.</summary>
    public (long Notices, long Jobs) NoticeHandOffs => (Interlocked.Read(ref _noticesHandedOff), Interlocked.Read(ref _noticeJobs));

    public string? ScheduleTimer(Guid timerId, DateTimeOffset dueAt) => null;

    public void EnqueueEffect(Guid effectId) =>
        _jobs.Create(new Job(typeof(EffectJob), EffectMethod, effectId, CancellationToken.None), new EnqueuedState());

    /// <summary>Returns at once; a delivery job follows within <see cref="WorkflowHangfireOptions.NoticeHandOffDelay"/>
    /// plus the time Hangfire takes to store it. Call only after the notice's row is committed.</summary>
    public void EnqueueNotice(Guid noticeId)
    {
        Interlocked.Increment(ref _requested);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }
    }

    /// <summary>Waits until every notice handed over so far has its delivery job (or its hand-off failed and was
    /// logged), at most <paramref name="timeout"/>; true when nothing is left.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Volatile.Read(ref _draining) == 1 || Interlocked.Read(ref _requested) > 0)
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    /// <summary>A host shutting down (or a command-line run ending) still creates the job for notices handed over last.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!await FlushAsync(TimeSpan.FromSeconds(10)))
        {
            _logger.LogWarning("Notices handed over last got no delivery job before shutdown; the notice sweep will deliver them");
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task DrainAsync()
    {
        while (true)
        {
            if (_handOffDelay > TimeSpan.Zero)
            {
                await Task.Delay(_handOffDelay); // real time: notices of concurrent bursts gather for one job
            }

            var requested = Interlocked.Exchange(ref _requested, 0);
            if (requested == 0)
            {
                Volatile.Write(ref _draining, 0);
                // A hand-off between the exchange and the write found the drain running and started none: take it.
                if (Interlocked.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                _jobs.Create(new Job(typeof(NoticeJob), DeliverDueMethod, CancellationToken.None), new EnqueuedState());
                Interlocked.Add(ref _noticesHandedOff, requested);
                Interlocked.Increment(ref _noticeJobs);
            }
            catch (Exception e)
            {
                // The rows are committed and pending: the notice sweep delivers them.
                _logger.LogWarning(e, "Could not hand {Count} notices to Hangfire; the notice sweep will deliver them", requested);
            }
        }
    }
}
