namespace Reduction.Workflows.Tasks;

/// <summary>Answer of the task service. Only <see cref="Accepted"/> changed anything; the others are plain answers, not errors.</summary>
public enum TaskActionResult
{
    Accepted,
    AlreadyCompleted,
    Closed,
    NotFound,
    Invalid,
}
