namespace Reduction.Workflows.Persistence;

public enum TimerStatus
{
    Pending,
    Fired,
    Cancelled,
}
