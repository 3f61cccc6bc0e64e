using System.Text.Json.Nodes;

namespace Reduction.Workflows.Queries;

/// <summary>An instance with its current variables and its whole journal, oldest line first.</summary>
public sealed record InstanceDetail(InstanceInfo Instance, JsonObject Variables, IReadOnlyList<JournalLine> Journal);
