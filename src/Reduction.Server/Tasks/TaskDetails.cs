namespace Reduction.Server.Tasks;

/// <summary>A task with every revision of its answer.</summary>
public sealed record TaskDetails(TaskSummary Task, IReadOnlyList<TaskSubmission> Submissions);
