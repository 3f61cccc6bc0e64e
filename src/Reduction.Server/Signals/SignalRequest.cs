using System.Text.Json.Nodes;

namespace Reduction.Server.Signals;

/// <summary>Optional body of `POST /api/signals/{name}`: only instances waiting with this correlation (if given) are
/// resumed, and they receive the payload.</summary>
public sealed record SignalRequest(string? Correlation, JsonNode? Payload);
