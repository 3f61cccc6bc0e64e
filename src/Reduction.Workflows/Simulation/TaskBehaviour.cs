using System.Text.Json.Nodes;

namespace Reduction.Workflows.Simulation;

/// <summary>How a party answers one kind of task in a scenario: when (null = never), and with what.</summary>
/// <param name="SubmitAt">When to answer; null with <paramref name="Never"/> false means the default (one working day after issue).</param>
/// <param name="Never">`submitAt: null` in the scenario: the party never answers.</param>
/// <param name="Data">Extra answer fields (decision, comments, corrections, case).</param>
public sealed record TaskBehaviour(DateTimeOffset? SubmitAt, bool Never, JsonObject Data)
{
    public static TaskBehaviour Default { get; } = new(null, false, []);
}
