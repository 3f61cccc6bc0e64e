namespace Reduction.Server.Workflows;

/// <summary>An activity present in both versions whose type, display name or inputs changed (a move on the canvas is
/// not a change).</summary>
public sealed record ChangedActivity(string Id, string Type, string? PreviousType, IReadOnlyList<PropertyChange> Properties);
