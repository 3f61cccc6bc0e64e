namespace Reduction.Workflows.Activities.Flow;

/// <summary>One branch of a Switch: its outcome name and condition.</summary>
public sealed record SwitchCase(string Name, string Condition);
