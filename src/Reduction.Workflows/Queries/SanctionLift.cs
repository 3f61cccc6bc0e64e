using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>A `lift-sanctions` instance as the sanctions list names it: which prefecture's measures of which assessed
/// year it re-verifies (its variables `prefecture` and `year`, the cycle year, one after the assessed year), and how
/// it stands.</summary>
public sealed record SanctionLift(Guid InstanceId, string PrefectureId, int AssessedYear, InstanceStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>Running, suspended or faulted: not finished, so a second lift would run beside it.</summary>
    public bool IsActive => Status is InstanceStatus.Running or InstanceStatus.Suspended or InstanceStatus.Faulted;
}
