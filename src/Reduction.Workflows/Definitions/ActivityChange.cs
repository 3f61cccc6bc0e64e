namespace Reduction.Workflows.Definitions;

/// <summary>How one activity present in both versions differs: its type, the names of inputs added, removed or
/// changed, its display name, its place on the canvas.</summary>
/// <param name="PreviousType">The type in the older version when it changed; null when the type stayed.</param>
public sealed record ActivityChange(
    string Id,
    string Type,
    string? PreviousType,
    IReadOnlyList<string> ChangedInputs,
    bool DisplayNameChanged,
    bool PositionChanged)
{
    /// <summary>True when only the designer layout moved: nothing the runtime reads changed.</summary>
    public bool LayoutOnly => PreviousType is null && ChangedInputs.Count == 0 && !DisplayNameChanged && PositionChanged;
}
