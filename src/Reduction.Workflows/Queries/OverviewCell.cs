namespace Reduction.Workflows.Queries;

/// <summary>One cell of the year at a glance: the latest task of one kind assigned to one party in the cycle year.</summary>
/// <param name="Party">The assignee's party id.</param>
/// <param name="PartyName">Its name on the cell's due date.</param>
/// <param name="Task">The task kind (<c>annual-plan</c>, <c>assessment-data</c>, …).</param>
/// <param name="TaskName">The kind's Chinese name.</param>
/// <param name="TaskId">The latest task of the cell: the one created last (a revision task or a re-issue replaces the first).</param>
/// <param name="State">One of <see cref="OverviewStates"/>.</param>
/// <param name="Due">The last on-time instant.</param>
/// <param name="SubmittedAt">The answer that closed the task's current round: its first after the last return, else its
/// first; null while unanswered.</param>
/// <param name="LateBy">Whole calendar days late in Beijing time: for <c>submitted-late</c> from the due date to the
/// answer's date, for <c>overdue</c> from the due date to today; null otherwise.</param>
/// <param name="EscalationLevel">Escalation steps sent for the task (its fired escalation timers).</param>
/// <param name="DaysLeft">Calendar days from today to the due date while open or returned; null otherwise.</param>
/// <param name="WorkingDaysLeft">Working days after today up to the due date in the assignee's calendar; null otherwise
/// (and when the calendar has no data for those days).</param>
/// <param name="EscalationRule">The rule the last escalation step sent rests on (its <c>after</c>, e.g. <c>workdays:+3</c>),
/// null when none was sent.</param>
/// <param name="EscalationRecipients">The roles the last escalation step sent notified.</param>
/// <param name="Count">How many tasks of this kind the party has in the year (several supervision measures, a revision
/// task after a plan review); the cell shows the latest.</param>
public sealed record OverviewCell(
    string Party,
    string PartyName,
    string Task,
    string TaskName,
    Guid TaskId,
    string State,
    DateTimeOffset Due,
    DateTimeOffset? SubmittedAt,
    int? LateBy,
    int EscalationLevel,
    int? DaysLeft,
    int? WorkingDaysLeft,
    string? EscalationRule,
    IReadOnlyList<string> EscalationRecipients,
    int Count);
