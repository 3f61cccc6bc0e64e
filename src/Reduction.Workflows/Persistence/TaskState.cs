namespace Reduction.Workflows.Persistence;

public enum TaskState
{
    Open,
    Overdue,
    Submitted,
    Cancelled,
}
