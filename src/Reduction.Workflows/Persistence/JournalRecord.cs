namespace Reduction.Workflows.Persistence;

/// <summary>Append-only record of what an instance did and why.</summary>
public sealed class JournalRecord
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? ActivityId { get; set; }

    /// <summary>started, activity-executed, activity-completed, bookmark-created, resumed, timer-fired, task-issued, notice-queued, incident, faulted, completed, …</summary>
    public required string Event { get; set; }

    public required string Message { get; set; }

    public string? DataJson { get; set; }
}
