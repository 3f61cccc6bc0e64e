namespace Reduction.Workflows.Persistence;

public enum NoticeStatus
{
    Pending,
    Sent,
    DeadLetter,
}
