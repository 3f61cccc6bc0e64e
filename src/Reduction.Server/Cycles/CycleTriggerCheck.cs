using System.Globalization;
using Reduction.Workflows.Execution;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Server.Cycles;

/// <summary>The yearly trigger of `annual-cycle` starts only cycle years that `POST /api/cycles/{year}/start` accepts
/// (<see cref="CycleStarter.Check"/>): a drill clock moved on by centuries starts no cycle for a year no plan period
/// covers.</summary>
/// <remarks>The plan periods are looked up when a trigger fires: the store belongs to the runtime, which is built with
/// this check.</remarks>
internal sealed class CycleTriggerCheck(IServiceProvider services) : ITriggerStartCheck
{
    public async ValueTask<string?> RefusalAsync(TriggeredStart start, CancellationToken cancellationToken = default)
    {
        if (start.DefinitionId != CycleStarter.DefinitionId)
        {
            return null;
        }

        if (!int.TryParse(start.Input["year"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year))
        {
            return $"触发器没有给出考核周期年度（year），未启动{CycleStarter.DefinitionId}";
        }

        var periods = await services.GetRequiredService<PlanPeriodStore>().GetCatalogAsync(cancellationToken);
        return CycleStarter.Check(periods, year);
    }
}
