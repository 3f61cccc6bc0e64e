namespace Reduction.Workflows.Queries;

/// <summary>The state of a cell of the year at a glance (<see cref="OverviewCell.State"/>), as the API gives it out.</summary>
public static class OverviewStates
{
    /// <summary>Not answered and not yet late.</summary>
    public const string Open = "open";

    /// <summary>Answered before its first late instant.</summary>
    public const string Submitted = "submitted";

    /// <summary>Answered at or after its first late instant.</summary>
    public const string SubmittedLate = "submitted-late";

    /// <summary>Not answered and past its first late instant.</summary>
    public const string Overdue = "overdue";

    /// <summary>Answered, then sent back for revision (a <c>task-returned</c> journal entry after the last answer), and
    /// open again without being late.</summary>
    public const string Returned = "returned";

    /// <summary>Closed without an answer.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Every state, in the order a legend lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Open, Submitted, SubmittedLate, Overdue, Returned, Cancelled];
}
