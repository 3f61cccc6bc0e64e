namespace Reduction.Workflows.Queries;

/// <summary>A cycle year's notices by state and its number of faulted instances, over every party.</summary>
public sealed record OverviewTotals(OverviewNoticeCounts Notices, int Incidents);
