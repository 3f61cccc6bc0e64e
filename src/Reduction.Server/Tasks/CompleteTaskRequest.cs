using System.Text.Json.Nodes;

namespace Reduction.Server.Tasks;

/// <summary>Body of `POST /api/tasks/{id}/complete`: the answer's data and who gave it (defaults to the signed-in administrator).</summary>
public sealed record CompleteTaskRequest(JsonObject? Data, string? By);
