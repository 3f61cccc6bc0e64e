namespace Reduction.Workflows.Queries;

/// <summary>A task with every revision of its answer, oldest first.</summary>
public sealed record TaskDetail(TaskInfo Task, IReadOnlyList<SubmissionInfo> Submissions);
