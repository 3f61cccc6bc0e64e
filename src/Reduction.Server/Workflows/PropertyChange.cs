using System.Text.Json.Nodes;

namespace Reduction.Server.Workflows;

/// <summary>One property that differs between two versions, old against new (null where absent).</summary>
public sealed record PropertyChange(string Name, JsonNode? Old, JsonNode? New);
