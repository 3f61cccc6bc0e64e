namespace Reduction.Workflows.Persistence;

/// <summary>One revision of a task answer; every revision is kept.</summary>
public sealed class TaskSubmissionRecord
{
    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    public int Revision { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public required string SubmittedBy { get; set; }

    public required string DataJson { get; set; }

    public bool Late { get; set; }
}
