using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>A task an activity issued: to which party, in which state, due when (last on-time instant).</summary>
public sealed record TraceTask(Guid Id, string Party, TaskState State, DateTimeOffset Due);
