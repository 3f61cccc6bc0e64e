namespace Reduction.Workflows.Queries;

/// <summary>The year's notices by delivery state: waiting or retrying, delivered, given up (dead letters).</summary>
public sealed record OverviewNoticeCounts(int Pending, int Sent, int Failed);
