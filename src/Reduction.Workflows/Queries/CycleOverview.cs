namespace Reduction.Workflows.Queries;

/// <summary>The year at a glance: one cell per (party, task kind) over the tasks of the cycle year's instances, the
/// year's notices by state and its incidents, all within the caller's scope. <paramref name="Started"/> is false when
/// no cycle of the year was started.</summary>
public sealed record CycleOverview(
    int Year,
    bool Started,
    DateTimeOffset Now,
    IReadOnlyList<OverviewCell> Cells,
    OverviewNoticeCounts Notices,
    IReadOnlyList<OverviewIncident> Incidents);
