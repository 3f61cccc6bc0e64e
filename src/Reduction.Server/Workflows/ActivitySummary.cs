namespace Reduction.Server.Workflows;

/// <summary>An activity added or removed between two versions.</summary>
public sealed record ActivitySummary(string Id, string Type, string? DisplayName);
