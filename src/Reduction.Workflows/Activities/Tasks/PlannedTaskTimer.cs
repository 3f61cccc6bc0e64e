namespace Reduction.Workflows.Activities.Tasks;

/// <summary>One timer of a task as <see cref="IssueTask"/> plans it from a deadline: a reminder, the due transition or
/// an escalation step (<paramref name="Step"/> indexes the activity's list; 0 for the due transition).</summary>
/// <param name="Skipped">A reminder that is not scheduled: its instant has passed or is not before the first late instant.</param>
public sealed record PlannedTaskTimer(string Purpose, int Step, DateTimeOffset At, bool Skipped = false)
{
    public const string Reminder = "reminder";

    public const string Due = "due";

    public const string Escalation = "escalation";
}
