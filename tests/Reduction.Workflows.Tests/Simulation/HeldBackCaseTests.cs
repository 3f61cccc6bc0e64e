using Reduction.Domain.Parties;
using Reduction.Workflows.Activities.Assessment;
using Reduction.Workflows.Simulation;
using Reduction.Workflows.Tests.Definitions;

namespace Reduction.Workflows.Tests.Simulation;

public class HeldBackCaseTests
{
    [Fact]
    public async Task Run_OnePrefecturesCaseInvalid_SixResultsOneHeldBackCycleNotFaulted()
    {
        var scenario = SimulationScenario.Parse("""{"prefectures": {"拉萨市": {"data": {"case": {"summary": "garbage"}}}}}""", PartyDirectory.LoadDefault());

        var result = await new CycleSimulator().RunAsync(2015, scenario, ShippedFiles.WorkflowsFolder);

        Assert.Equal(6, result.Results.Count);
        Assert.DoesNotContain(result.Results, r => r.PrefectureId == "lhasa");
        Assert.All(result.Results, r => Assert.Equal("pass", r.Verdict));
        var held = result.Events.Where(e => e.Kind == EvaluateAssessment.HeldBackEvent).ToList();
        Assert.NotEmpty(held); // the first evaluation and the consolidating one after the review
        Assert.All(held, e =>
        {
            Assert.Equal("拉萨市", e.Party);
            Assert.Contains("pollutants", e.Detail, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(result.Events, e => e.Kind is "incident" or "faulted");
        Assert.Contains(result.Events, e => e.Kind == "approval");
        Assert.Equal("Completed", result.CycleStatus);
    }
}
