using System.Text.Json.Nodes;

namespace Reduction.Server.Workflows;

/// <summary>Body of `POST /api/workflows/{id}/rehearsal`: the cycle year and the scenario of `reduction simulate`
/// (optional: every party answers on time).</summary>
public sealed record RehearsalRequest(int? Year, JsonObject? Scenario);
