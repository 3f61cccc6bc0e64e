namespace Reduction.Workflows.Queries;

/// <summary>One page of a task list and how many tasks match in all.</summary>
public sealed record TaskPage(IReadOnlyList<TaskInfo> Items, int Total);
