namespace Reduction.Workflows.Persistence;

/// <summary>A durable timer: the truth about what must happen when. Hangfire (or the virtual clock) only executes it.</summary>
public sealed class TimerRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public Guid BookmarkId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public TimerStatus Status { get; set; }

    /// <summary>resume, reminder, due, escalation, retry.</summary>
    public required string Purpose { get; set; }

    public string? PayloadJson { get; set; }

    public Guid? TaskId { get; set; }

    /// <summary>The scheduler's job id once handed over; null means not yet armed (the sweep arms it).</summary>
    public string? JobId { get; set; }

    public DateTimeOffset? ArmedAt { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
