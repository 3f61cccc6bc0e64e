namespace Reduction.Workflows.Persistence;

/// <summary>One plan period as the running system uses it: the period in the data-file format
/// (<see cref="Reduction.Domain.PlanPeriods.PlanPeriodJson"/>), with its years as columns for reading at a glance.</summary>
public sealed class PlanPeriodRecord
{
    /// <summary>The period's id, e.g. `14th-five-year-plan`.</summary>
    public required string Id { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    /// <summary>The period as one data-file entry.</summary>
    public required string Json { get; set; }

    public PlanPeriodSource Source { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
