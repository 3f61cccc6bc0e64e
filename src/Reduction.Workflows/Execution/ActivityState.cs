using System.Text.Json.Nodes;

namespace Reduction.Workflows.Execution;

/// <summary>Persisted state of one activity of an instance.</summary>
public sealed class ActivityState
{
    /// <summary>waiting, completed, faulted.</summary>
    public string Status { get; set; } = "waiting";

    public JsonObject Data { get; set; } = [];

    /// <summary>How many times this activity was entered (loops re-enter).</summary>
    public int Executions { get; set; }

    /// <summary>Failed attempts of the current execution.</summary>
    public int FailedAttempts { get; set; }
}
