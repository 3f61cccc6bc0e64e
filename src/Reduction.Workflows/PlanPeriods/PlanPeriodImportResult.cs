namespace Reduction.Workflows.PlanPeriods;

/// <summary>What an import did, by period id.</summary>
public sealed record PlanPeriodImportResult(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged);
