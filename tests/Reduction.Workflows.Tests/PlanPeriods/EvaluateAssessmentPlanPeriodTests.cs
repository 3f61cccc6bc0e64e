using System.Text.Json.Nodes;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.PlanPeriods;

/// <summary>The workflow's assessment reads the plan periods of its database, not a file compiled in.</summary>
public class EvaluateAssessmentPlanPeriodTests
{
    private const string Definition = """
        {
          "id": "evaluate-only", "name": "评定",
          "variables": [{ "name": "year" }, { "name": "cases" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "evaluate", "type": "EvaluateAssessment", "inputs": { "cases": "cases", "year": "year - 1" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "evaluate" },
            { "from": "evaluate", "outcome": "done", "to": "end" }
          ]
        }
        """;

    private static JsonObject Cases(params string[] codes) => new()
    {
        ["lhasa"] = new JsonObject
        {
            ["pollutants"] = new JsonArray(codes.Select(c => (JsonNode?)new JsonObject
            {
                ["code"] = c,
                ["actualTonnes"] = 900,
                ["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 1000 },
            }).ToArray()),
            ["keyProjects"] = new JsonArray(),
            ["monitoring"] = new JsonObject
            {
                ["transmission"] = new JsonObject { ["due"] = 1000, ["received"] = 1000, ["valid"] = 980 },
                ["selfMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
                ["supervisoryMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
            },
        },
    };

    private static async Task<InstanceRecord> RunAsync(VirtualWorkflowHost host, int year, JsonObject cases)
    {
        var started = await host.Runtime.StartAsync("evaluate-only", new JsonObject { ["year"] = year, ["cases"] = cases });
        return (await host.Runtime.StoredInstanceAsync(started.InstanceId))!;
    }

    private static IEnumerable<string?> PollutantSubjects(InstanceRecord instance) =>
        InstanceState.Parse(instance.StateJson).Variables["results"]![0]!["findings"]!.AsArray()
            .Where(f => f!["criterion"]!.GetValue<string>() == "pollutant-target")
            .Select(f => f!["subject"]?.GetValue<string>());

    [Fact]
    public async Task Evaluate_Cycle2026_AssessesTheFourteenthPeriodsVocs()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2026-05-01T09:00");
        await host.PublishJsonAsync(Definition);

        var instance = await RunAsync(host, 2026, Cases("COD", "NH3-N", "NOx", "VOCs"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["COD", "NH3-N", "NOx", "VOCs"], PollutantSubjects(instance));
    }

    [Fact]
    public async Task Evaluate_Cycle2027AfterImportingAFifteenthPeriod_UsesTheImportedPeriod()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2027-05-01T09:00");
        await host.PublishJsonAsync(Definition);
        var before = await RunAsync(host, 2027, Cases("COD", "VOCs"));
        var fifteenth = PlanPeriodCatalog.Parse(PlanPeriodJson.WriteFile([PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!])
            .Replace("14th-five-year-plan", "15th-five-year-plan", StringComparison.Ordinal)
            .Replace("\"firstYear\": 2021", "\"firstYear\": 2026", StringComparison.Ordinal)
            .Replace("\"lastYear\": 2025", "\"lastYear\": 2030", StringComparison.Ordinal)
            .Replace("\"baseYear\": 2020", "\"baseYear\": 2025", StringComparison.Ordinal));

        await host.Runtime.PlanPeriods.ImportAsync(fifteenth);
        var after = await RunAsync(host, 2027, Cases("COD", "NH3-N", "NOx", "VOCs"));

        Assert.NotEqual(InstanceStatus.Completed, before.Status);
        Assert.Null(InstanceState.Parse(before.StateJson).Variables["results"]);
        Assert.Equal(InstanceStatus.Completed, after.Status);
        Assert.Equal(["COD", "NH3-N", "NOx", "VOCs"], PollutantSubjects(after));
    }
}
