using Hangfire;

namespace Reduction.Workflows.Scheduling;

/// <summary>Hands timers, effects and notices to Hangfire as jobs that carry ids only; the database stays the truth.
/// Hangfire stores each job's type and method by name: renaming or moving a job class or its ExecuteAsync strands
/// the jobs already queued.</summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs) : IWorkflowScheduler
{
    public string ScheduleTimer(Guid timerId, DateTimeOffset dueAt) =>
        jobs.Schedule<TimerJob>(j => j.ExecuteAsync(timerId, CancellationToken.None), RoundUpToSecond(dueAt));

    public void EnqueueEffect(Guid effectId) =>
        jobs.Enqueue<EffectJob>(j => j.ExecuteAsync(effectId, CancellationToken.None));

    public void EnqueueNotice(Guid noticeId) =>
        jobs.Enqueue<NoticeJob>(j => j.ExecuteAsync(noticeId, CancellationToken.None));

    /// <summary>Hangfire keeps a delayed job's instant in whole seconds, truncated, so it may start the job up to a
    /// second early; rounding up keeps it from ever starting before the due instant (no early fire to re-schedule).</summary>
    internal static DateTimeOffset RoundUpToSecond(DateTimeOffset instant)
    {
        var remainder = instant.UtcTicks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? instant : instant.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }
}
