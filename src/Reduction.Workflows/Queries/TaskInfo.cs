using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>A task as the read side gives it out.</summary>
public sealed record TaskInfo(
    Guid Id,
    Guid InstanceId,
    string ActivityId,
    string Kind,
    string Title,
    string AssigneePartyId,
    TaskState Status,
    DateTimeOffset DueAt,
    DateTimeOffset LateFrom,
    int Revisions,
    bool SubmittedLate,
    string? ReassignedFromPartyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt);
