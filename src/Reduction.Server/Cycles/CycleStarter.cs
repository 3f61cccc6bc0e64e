using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Execution;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Server.Cycles;

/// <summary>Starts a year's assessment cycle now, as the yearly trigger would on 5 January: workflow `annual-cycle`
/// with `{"year": Y}` and correlation key `annual-cycle:Y`, so starting twice (or after the trigger) finds the same
/// instance. Cycle year Y assesses Y-1, which must lie in a plan period of the database.</summary>
public sealed class CycleStarter(WorkflowRuntime runtime, PlanPeriodStore planPeriods)
{
    public const string DefinitionId = "annual-cycle";

    public static string CorrelationKey(int year) => string.Create(CultureInfo.InvariantCulture, $"annual-cycle:{year}");

    /// <summary>Null when the year can be started, else why not and how to fix it (zh-CN).</summary>
    public async Task<string?> CheckAsync(int year, CancellationToken cancellationToken) =>
        Check(await planPeriods.GetCatalogAsync(cancellationToken), year);

    /// <summary>Null when cycle year <paramref name="year"/> can be started with <paramref name="periods"/>, else why not.</summary>
    public static string? Check(PlanPeriodCatalog periods, int year) =>
        periods.FindByYear(year - 1) is null ? PlanPeriodCatalog.NotCoveredMessage(year) : null;

    /// <summary>The latest cycle year that can be started, at most <paramref name="today"/>'s year.</summary>
    public async Task<int> LatestYearAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var periods = (await planPeriods.GetCatalogAsync(cancellationToken)).Periods;
        return periods.Count == 0 ? today.Year : Math.Min(today.Year, periods.Max(p => p.LastYear) + 1);
    }

    /// <exception cref="WorkflowNotFoundException">`annual-cycle` is not published.</exception>
    public Task<StartResult> StartAsync(int year, CancellationToken cancellationToken) =>
        runtime.StartAsync(DefinitionId, new JsonObject { ["year"] = year }, CorrelationKey(year), cancellationToken: cancellationToken);
}
