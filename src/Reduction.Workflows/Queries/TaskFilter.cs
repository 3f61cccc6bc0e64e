using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>Narrows a task list beyond the caller's scope; null members do not filter. <see cref="DueFrom"/> and
/// <see cref="DueTo"/> bound the due instant (inclusive, exclusive); <see cref="Overdue"/> keeps the tasks past their
/// deadline without an answer.</summary>
public sealed record TaskFilter(
    Guid? InstanceId = null,
    string? AssigneePartyId = null,
    string? Kind = null,
    TaskState? Status = null,
    bool Overdue = false,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueTo = null)
{
    public static TaskFilter None { get; } = new();
}
