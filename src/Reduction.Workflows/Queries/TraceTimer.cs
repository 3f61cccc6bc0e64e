using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>A timer of an activity: due when, of which kind (`resume`, `reminder`, `due`, `escalation`, `retry`), and
/// whether it is pending, fired or cancelled.</summary>
public sealed record TraceTimer(Guid Id, DateTimeOffset Due, string Kind, TimerStatus Status);
