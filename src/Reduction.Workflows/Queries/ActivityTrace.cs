namespace Reduction.Workflows.Queries;

/// <summary>One activity of an <see cref="InstanceTrace"/>: how often it was entered, whether the instance waits there
/// now (an open bookmark, or a Join still waiting for branches), and what happened there.</summary>
public sealed record ActivityTrace(int Visits, bool Waiting, IReadOnlyList<TraceTask> Tasks, IReadOnlyList<TraceTimer> Timers, IReadOnlyList<TraceJournalLine> Journal);
