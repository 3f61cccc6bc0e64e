namespace Reduction.Workflows.Definitions;

/// <summary>When activity <see cref="From"/> ends with <see cref="Outcome"/>, activity <see cref="To"/> runs next.</summary>
public sealed record Connection(string From, string Outcome, string To);
