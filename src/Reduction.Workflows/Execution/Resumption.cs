using System.Text.Json.Nodes;

namespace Reduction.Workflows.Execution;

/// <summary>Why a waiting activity is resumed: its bookmark, the kind of event, and the event's data.</summary>
/// <param name="Kind">timer, signal, task-submitted, task-revised, task-cancelled, task-reassigned, child-completed, retry.</param>
public sealed record Resumption(Guid BookmarkId, string Kind, JsonNode? Payload = null, Guid? TaskId = null, Guid? TimerId = null);
