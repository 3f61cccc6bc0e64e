using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Tasks;

public sealed record TaskSummary(
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
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt)
{
    public static TaskSummary From(TaskInfo task) => new(
        task.Id,
        task.InstanceId,
        task.ActivityId,
        task.Kind,
        task.Title,
        task.AssigneePartyId,
        task.Status,
        task.DueAt,
        task.LateFrom,
        task.Revisions,
        task.SubmittedLate,
        task.CreatedAt,
        task.ClosedAt);
}
