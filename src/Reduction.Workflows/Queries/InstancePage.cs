namespace Reduction.Workflows.Queries;

/// <summary>One page of an instance list, how many instances match in all, and the parties each listed instance's
/// tasks are assigned to (those the caller may see).</summary>
public sealed record InstancePage(IReadOnlyList<InstanceInfo> Items, int Total, IReadOnlyDictionary<Guid, IReadOnlyList<string>> Assignees);
