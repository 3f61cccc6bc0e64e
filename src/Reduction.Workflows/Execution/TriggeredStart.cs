using System.Text.Json.Nodes;

namespace Reduction.Workflows.Execution;

/// <summary>What a cron trigger is about to start: the definition, the occurrence (Beijing time), the rendered
/// correlation key and input variables.</summary>
public sealed record TriggeredStart(string DefinitionId, DateTimeOffset Occurrence, string CorrelationKey, JsonObject Input);
