namespace Reduction.Workflows.Tasks;

/// <summary>Answer of the task service. Only <see cref="Accepted"/> changed anything; the others are plain answers, not errors.</summary>
public enum TaskActionResult
{
    Accepted,
    AlreadyCompleted,
    Closed,
    NotFound,
    Invalid,

    /// <summary>Done already within the limit (an urge the same working day).</summary>
    TooSoon,

    /// <summary>The task's definition does not allow the action (a return where the activity does not allow returns).</summary>
    NotAllowed,

    /// <summary>The task is open, but its instance is suspended (or faulted, awaiting a retry): nothing can be done
    /// with it until the instance runs again.</summary>
    Held,
}
