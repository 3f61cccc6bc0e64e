namespace Reduction.Workflows.Persistence;

/// <summary>One saved state of a plan period (table `plan_period_versions`, append-only): the period as it was stored,
/// by whom, when and how (`seed`, `upgrade`, `import`, `console`, `confirm`, `cli`).</summary>
public sealed class PlanPeriodVersionRecord
{
    public long Id { get; set; }

    public required string PeriodId { get; set; }

    public int Version { get; set; }

    /// <summary>The period in the format of <see cref="PlanPeriodRecord.Json"/>.</summary>
    public required string Json { get; set; }

    public required string Via { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
