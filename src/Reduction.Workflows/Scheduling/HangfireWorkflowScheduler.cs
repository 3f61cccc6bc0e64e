using Hangfire;

namespace Reduction.Workflows.Scheduling;

/// <summary>Hands effects and notices to Hangfire as jobs that carry ids only; the database stays the truth. Timers are
/// not Hangfire jobs: every server's <c>DueTimerPump</c> claims due rows of the timer table and fires them, which is
/// faster and more punctual than a delayed job per timer (Hangfire keeps a delayed job's instant in whole seconds and
/// moves it through two more states). Hangfire stores each job's type and method by name: renaming or moving a job
/// class or its ExecuteAsync strands the jobs already queued (hence <see cref="TimerJob"/> stays for timer jobs created
/// by earlier releases).</summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs) : IWorkflowScheduler
{
    public bool PollsTimers => true;

    public string? ScheduleTimer(Guid timerId, DateTimeOffset dueAt) => null;

    public void EnqueueEffect(Guid effectId) =>
        jobs.Enqueue<EffectJob>(j => j.ExecuteAsync(effectId, CancellationToken.None));

    public void EnqueueNotice(Guid noticeId) =>
        jobs.Enqueue<NoticeJob>(j => j.ExecuteAsync(noticeId, CancellationToken.None));
}
