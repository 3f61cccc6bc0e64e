using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reduction.Workflows.Execution;

/// <summary>The part of an instance that changes every burst, stored as JSON in one column.</summary>
public sealed class InstanceState
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonObject Variables { get; set; } = [];

    public Dictionary<string, ActivityState> Activities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Arrivals at Join activities: join id -> ids of the activities that arrived.</summary>
    public Dictionary<string, List<string>> Joins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The activity whose failure faulted the instance (retry resumes it).</summary>
    public string? FaultedActivity { get; set; }

    /// <summary>Status to return to when a suspended instance is resumed.</summary>
    public string? SuspendedFrom { get; set; }

    public static InstanceState Parse(string json) => JsonSerializer.Deserialize<InstanceState>(json, JsonOptions) ?? new InstanceState();

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public ActivityState For(string activityId)
    {
        if (!Activities.TryGetValue(activityId, out var state))
        {
            state = new ActivityState();
            Activities[activityId] = state;
        }

        return state;
    }

    public IEnumerable<string> WaitingActivities => Activities.Where(a => a.Value.Status == "waiting").Select(a => a.Key);
}
