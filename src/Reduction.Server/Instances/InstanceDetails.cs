using System.Text.Json.Nodes;

namespace Reduction.Server.Instances;

/// <summary>An instance with its current variables and its whole journal.</summary>
public sealed record InstanceDetails(InstanceSummary Instance, JsonObject Variables, IReadOnlyList<JournalEntry> Journal);
