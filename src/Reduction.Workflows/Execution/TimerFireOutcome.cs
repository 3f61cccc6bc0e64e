namespace Reduction.Workflows.Execution;

public enum TimerFireOutcome
{
    Fired,
    NotYetDue,
    AlreadyDone,
}
