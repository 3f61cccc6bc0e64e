namespace Reduction.Workflows.Queries;

/// <summary>Why a faulted instance stopped: the activity that failed (null for a fault of the instance itself), the
/// message, and when.</summary>
public sealed record TraceIncident(string? ActivityId, string Message, DateTimeOffset? At);
