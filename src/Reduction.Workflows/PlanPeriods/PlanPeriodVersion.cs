namespace Reduction.Workflows.PlanPeriods;

/// <summary>One stored version of a plan period: its number, how it came (`seed`, `upgrade`, `import`, `console`,
/// `confirm`, `cli`), who saved it and when, and the period's JSON then.</summary>
public sealed record PlanPeriodVersion(string PeriodId, int Version, string Via, string ChangedBy, DateTimeOffset ChangedAt, string Json);
