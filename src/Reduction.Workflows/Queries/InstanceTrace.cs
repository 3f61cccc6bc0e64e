using Reduction.Workflows.Definitions;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>What an instance did, laid over its definition's canvas: per activity (every activity of its version, and
/// any the journal names besides) the visits, whether it waits now, its tasks, timers and journal lines; the
/// connections it took; and the incident while it is faulted.</summary>
public sealed record InstanceTrace(
    Guid InstanceId,
    string DefinitionId,
    int Version,
    InstanceStatus Status,
    IReadOnlyDictionary<string, ActivityTrace> Activities,
    IReadOnlyList<Connection> ConnectionsTaken,
    TraceIncident? Incident);
