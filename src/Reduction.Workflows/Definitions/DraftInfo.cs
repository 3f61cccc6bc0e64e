namespace Reduction.Workflows.Definitions;

/// <summary>An unpublished draft: who saved it last and when.</summary>
public sealed record DraftInfo(string? ChangedBy, DateTimeOffset ChangedAt);
