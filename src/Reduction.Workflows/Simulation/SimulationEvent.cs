namespace Reduction.Workflows.Simulation;

/// <summary>One line of a simulated year's timeline.</summary>
/// <param name="Kind">notice, task-issued, task-submitted, task-overdue, escalation, verdict, approval, sanction-started, sanction-lifted, task-reassigned.</param>
/// <param name="Notice">For `notice`: the template key.</param>
/// <param name="Task">The task kind the event concerns.</param>
/// <param name="Party">The party concerned (its name on that date).</param>
/// <param name="RecipientRoles">For `notice`: the roles it reaches (addressed roles plus the roles of addressed parties).</param>
public sealed record SimulationEvent(
    DateTimeOffset At,
    string Kind,
    string? Notice = null,
    string? Task = null,
    string? Party = null,
    IReadOnlyList<string>? RecipientRoles = null,
    string? Detail = null)
{
    /// <summary>For `notice`: the model the workflow passed (not part of the printed contract).</summary>
    public System.Text.Json.Nodes.JsonObject? Model { get; init; }

    /// <summary>For `notice`: the party ids addressed directly.</summary>
    public IReadOnlyList<string>? RecipientParties { get; init; }

    /// <summary>For `notice`: the roles addressed (without the roles of addressed parties).</summary>
    public IReadOnlyList<string>? AddressedRoles { get; init; }
}
