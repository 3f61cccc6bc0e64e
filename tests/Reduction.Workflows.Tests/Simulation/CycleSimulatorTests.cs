using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Simulation;
using Reduction.Workflows.Tests.Definitions;
using Xunit.Abstractions;

namespace Reduction.Workflows.Tests.Simulation;

public class CycleSimulatorTests(ITestOutputHelper output)
{
    private static string WorkflowsFolder => ShippedFiles.WorkflowsFolder;

    private static string Local(DateTimeOffset instant) => BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Run_2015DefaultScenario_EveryonePassesOnTime()
    {
        var result = await new CycleSimulator().RunAsync(2015, SimulationScenario.Empty, WorkflowsFolder);
        foreach (var e in result.Events)
        {
            output.WriteLine($"{Local(e.At)} {e.Kind} {e.Notice} {e.Task} {e.Party} [{string.Join(",", e.RecipientRoles ?? [])}] {e.Detail}");
        }

        Assert.Equal("Completed", result.CycleStatus);
        Assert.Equal(7, result.Results.Count);
        Assert.All(result.Results, r => Assert.Equal("pass", r.Verdict));
        Assert.Empty(result.Sanctions);
    }
}
