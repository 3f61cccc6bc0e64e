namespace Reduction.Workflows.Persistence;

public enum InstanceStatus
{
    Running,
    Suspended,
    Completed,
    Cancelled,
    Faulted,
}
