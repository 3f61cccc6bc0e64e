using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Cycles;

/// <summary>Starts a year's assessment cycle now, as the yearly trigger would on 5 January: workflow `annual-cycle`
/// with `{"year": Y}` and correlation key `annual-cycle:Y`, so starting twice (or after the trigger) finds the same
/// instance. Cycle year Y assesses Y-1, which must lie in a plan period.</summary>
public sealed class CycleStarter(WorkflowRuntime runtime)
{
    public const string DefinitionId = "annual-cycle";

    public static string CorrelationKey(int year) => string.Create(CultureInfo.InvariantCulture, $"annual-cycle:{year}");

    /// <summary>Null when the year can be started, else why not (zh-CN).</summary>
    public static string? Check(int year) =>
        PlanPeriodCatalog.LoadDefault().FindByYear(year - 1) is null
            ? string.Create(CultureInfo.InvariantCulture, $"{year}年度考核周期评定 {year - 1} 年，该年不在任何规划期内")
            : null;

    /// <summary>The latest cycle year that can be started, at most <paramref name="today"/>'s year.</summary>
    public static int LatestYear(DateOnly today) =>
        Math.Min(today.Year, PlanPeriodCatalog.LoadDefault().Periods.Max(p => p.LastYear) + 1);

    /// <exception cref="WorkflowNotFoundException">`annual-cycle` is not published.</exception>
    public Task<StartResult> StartAsync(int year, CancellationToken cancellationToken) =>
        runtime.StartAsync(DefinitionId, new JsonObject { ["year"] = year }, CorrelationKey(year), cancellationToken: cancellationToken);
}
