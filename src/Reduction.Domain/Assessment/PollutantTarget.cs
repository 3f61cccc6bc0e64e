using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment;

/// <summary>The letter's target for one pollutant and year: a cap in tonnes or a change limit in percent (-0.6 = cut at least 0.6%).</summary>
public sealed record PollutantTarget(TargetKind Kind, decimal Value);
