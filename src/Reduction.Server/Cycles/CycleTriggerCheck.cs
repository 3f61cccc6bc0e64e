using System.Globalization;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Cycles;

/// <summary>The yearly trigger of `annual-cycle` starts only cycle years that `POST /api/cycles/{year}/start` accepts
/// (<see cref="CycleStarter.Check"/>): a drill clock moved on by centuries starts no cycle for a year no plan period
/// covers.</summary>
internal sealed class CycleTriggerCheck : ITriggerStartCheck
{
    public ValueTask<string?> RefusalAsync(TriggeredStart start, CancellationToken cancellationToken = default)
    {
        if (start.DefinitionId != CycleStarter.DefinitionId)
        {
            return ValueTask.FromResult<string?>(null);
        }

        return ValueTask.FromResult(int.TryParse(start.Input["year"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)
            ? CycleStarter.Check(year)
            : $"触发器没有给出考核周期年度（year），未启动{CycleStarter.DefinitionId}");
    }
}
