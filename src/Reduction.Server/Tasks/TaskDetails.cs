using Reduction.Workflows.Queries;

namespace Reduction.Server.Tasks;

/// <summary>A task with every revision of its answer, its due instant and its reminder and escalation steps, each
/// `{"step", "at", "state"}` (`pending`, `sent`, `cancelled`), so what an action recomputed can be read back.</summary>
public sealed record TaskDetails(
    TaskSummary Task,
    IReadOnlyList<TaskSubmission> Submissions,
    DateTimeOffset DueAt,
    IReadOnlyList<TaskStep> Reminders,
    IReadOnlyList<TaskStep> Escalations,
    string? Message = null)
{
    public static TaskDetails From(TaskDetail detail, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new(TaskSummary.From(detail.Task), detail.Submissions.Select(TaskSubmission.From).ToList(), detail.Task.DueAt, detail.Reminders, detail.Escalations, message);
    }
}
