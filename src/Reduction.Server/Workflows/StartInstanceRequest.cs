using System.Text.Json.Nodes;

namespace Reduction.Server.Workflows;

/// <summary>Body of `POST /api/workflows/{id}/instances`: initial variables and an optional business key; a key
/// already used returns that instance instead of starting another.</summary>
public sealed record StartInstanceRequest(JsonObject? Variables, string? CorrelationKey);
