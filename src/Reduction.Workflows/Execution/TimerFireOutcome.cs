namespace Reduction.Workflows.Execution;

public enum TimerFireOutcome
{
    Fired,
    NotYetDue,
    AlreadyDone,

    /// <summary>An earlier timer of the same instance is still pending: this one fires after it (timers of one instance
    /// fire in due order).</summary>
    Waiting,
}
