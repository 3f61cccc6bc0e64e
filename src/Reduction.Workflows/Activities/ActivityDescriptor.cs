namespace Reduction.Workflows.Activities;

/// <summary>What the registry knows of an activity type; serialised for the designer and `reduction workflows activities`.</summary>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    string DisplayName,
    string Description,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes,
    string? DynamicOutcomesInput,
    bool Waits)
{
    internal Type ClrType { get; init; } = typeof(object);
}
