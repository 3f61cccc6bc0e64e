namespace Reduction.Domain.PlanPeriods;

/// <summary>A pollutant assessed in a plan period: its wire code (COD, NH3-N, SO2, NOx) and zh-CN name.</summary>
public sealed record Pollutant(string Code, string Name);
