namespace Reduction.Workflows.Queries;

/// <summary>A journal line of an activity: when, which event (`activity-completed`, `task-issued`, …), and the
/// Chinese message.</summary>
public sealed record TraceJournalLine(DateTimeOffset At, string Kind, string Message);
