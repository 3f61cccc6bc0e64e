namespace Reduction.Workflows.Scheduling;

/// <summary>Executes what the database decided: fires timers at their instant and runs outbox rows.
/// Two implementations: Hangfire (production) and the virtual clock (tests, simulation).</summary>
public interface IWorkflowScheduler
{
    /// <summary>True when due timers are found by polling the timer table (every server's <c>DueTimerPump</c>) rather than
    /// handed over one by one: <see cref="ScheduleTimer"/> then does nothing and the sweep arms no timers.</summary>
    bool PollsTimers { get; }

    /// <summary>Arranges for <c>WorkflowRuntime.FireTimerAsync(timerId)</c> at or after <paramref name="dueAt"/>; returns a job id,
    /// or null when <see cref="PollsTimers"/> (the timer row alone is the arrangement).</summary>
    string? ScheduleTimer(Guid timerId, DateTimeOffset dueAt);

    /// <summary>Arranges for <c>WorkflowRuntime.ExecuteEffectAsync(effectId)</c> soon.</summary>
    void EnqueueEffect(Guid effectId);

    /// <summary>Arranges for delivery of a notice outbox row soon.</summary>
    void EnqueueNotice(Guid noticeId);
}
