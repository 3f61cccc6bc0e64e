using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Reduction.Workflows.Scheduling;

/// <summary>Hands effects and notices to Hangfire as jobs that carry ids only; the database stays the truth. Timers are
/// not Hangfire jobs: every server's <c>DueTimerPump</c> claims due rows of the timer table and fires them, which is
/// faster and more punctual than a delayed job per timer (Hangfire keeps a delayed job's instant in whole seconds and
/// moves it through two more states). Hangfire stores each job's type and method by name: renaming or moving a job
/// class or its ExecuteAsync strands the jobs already queued (hence <see cref="TimerJob"/> stays for timer jobs created
/// by earlier releases).</summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs) : IWorkflowScheduler
{
    // The jobs are built directly rather than from an expression (`jobs.Enqueue<NoticeJob>(j => j.ExecuteAsync(id, …))`),
    // which builds an expression tree and evaluates its arguments on every call. Type, method and arguments are the
    // same, so the stored invocation data is unchanged and jobs queued by earlier releases still run.
    private static readonly MethodInfo EffectMethod = typeof(EffectJob).GetMethod(nameof(EffectJob.ExecuteAsync), [typeof(Guid), typeof(CancellationToken)])!;
    private static readonly MethodInfo NoticeMethod = typeof(NoticeJob).GetMethod(nameof(NoticeJob.ExecuteAsync), [typeof(Guid), typeof(CancellationToken)])!;

    public bool PollsTimers => true;

    public string? ScheduleTimer(Guid timerId, DateTimeOffset dueAt) => null;

    public void EnqueueEffect(Guid effectId) =>
        jobs.Create(new Job(typeof(EffectJob), EffectMethod, effectId, CancellationToken.None), new EnqueuedState());

    public void EnqueueNotice(Guid noticeId) =>
        jobs.Create(new Job(typeof(NoticeJob), NoticeMethod, noticeId, CancellationToken.None), new EnqueuedState());
}
