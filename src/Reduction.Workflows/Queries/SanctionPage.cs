namespace Reduction.Workflows.Queries;

/// <summary>One page of the sanctions list and how many match in all.</summary>
public sealed record SanctionPage(IReadOnlyList<SanctionEntry> Items, int Total);
