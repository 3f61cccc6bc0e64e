namespace Reduction.Workflows.Queries;

/// <summary>A task with every revision of its answer, oldest first, and its reminder and escalation steps.</summary>
public sealed record TaskDetail(TaskInfo Task, IReadOnlyList<SubmissionInfo> Submissions, IReadOnlyList<TaskStep> Reminders, IReadOnlyList<TaskStep> Escalations);
