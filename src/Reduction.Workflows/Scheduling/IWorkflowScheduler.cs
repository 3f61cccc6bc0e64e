namespace Reduction.Workflows.Scheduling;

/// <summary>Executes what the database decided: fires timers at their instant and runs outbox rows.
/// Two implementations: Hangfire (production) and the virtual clock (tests, simulation).</summary>
public interface IWorkflowScheduler
{
    /// <summary>Arranges for <c>WorkflowRuntime.FireTimerAsync(timerId)</c> at or after <paramref name="dueAt"/>; returns a job id.</summary>
    string ScheduleTimer(Guid timerId, DateTimeOffset dueAt);

    /// <summary>Arranges for <c>WorkflowRuntime.ExecuteEffectAsync(effectId)</c> soon.</summary>
    void EnqueueEffect(Guid effectId);

    /// <summary>Arranges for delivery of a notice outbox row soon.</summary>
    void EnqueueNotice(Guid noticeId);
}
