namespace Reduction.Workflows.Queries;

/// <summary>Narrows a task list beyond the caller's scope; null members do not filter.</summary>
public sealed record TaskFilter(Guid? InstanceId = null, string? AssigneePartyId = null, string? Kind = null)
{
    public static TaskFilter None { get; } = new();
}
