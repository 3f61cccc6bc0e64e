namespace Reduction.Workflows.Persistence;

/// <summary>A human task for one party, with its deadline; answers are kept as revisions in <see cref="TaskSubmissionRecord"/>.</summary>
public sealed class TaskRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public Guid BookmarkId { get; set; }

    /// <summary>Form kind: annual-plan, assessment-data, department-review, government-approval, …</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }

    public required string AssigneePartyId { get; set; }

    public TaskState Status { get; set; }

    /// <summary>Last on-time instant (e.g. 23:59:59 Beijing time of the due day).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>First late instant (00:00:00 of the next day).</summary>
    public DateTimeOffset LateFrom { get; set; }

    /// <summary>Working-day calendar of the assignee (its party id) for reminders and escalations.</summary>
    public string? CalendarKey { get; set; }

    public int Revisions { get; set; }

    public bool SubmittedLate { get; set; }

    public string? ReassignedFromPartyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; set; }
}
