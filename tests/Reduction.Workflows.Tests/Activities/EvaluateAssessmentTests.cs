using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Activities.Assessment;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Simulation;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Activities;

public class EvaluateAssessmentTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    /// <summary>The annual cycle's tail: evaluate, countersign review with corrections, consolidate, approval.</summary>
    private const string Tail = """
        {
          "id": "evaluation-tail", "name": "评定（测试）",
          "variables": [{ "name": "year", "default": 2015 }, { "name": "data" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "evaluate", "type": "EvaluateAssessment", "inputs": { "cases": "data", "year": "year - 1", "outputVariable": "results" } },
            { "id": "review", "type": "IssueTask", "inputs": { "taskKind": "department-review", "title": "复核", "assignees": "['epb']", "due": "workdays:+5", "receiptTemplate": "", "outputVariable": "reviews" } },
            { "id": "consolidate", "type": "EvaluateAssessment", "inputs": { "cases": "data", "year": "year - 1", "corrections": "reviews", "outputVariable": "results" } },
            { "id": "approval", "type": "IssueTask", "inputs": { "taskKind": "government-approval", "title": "审定", "assignees": "['government']", "due": "workdays:+5", "receiptTemplate": "", "outputVariable": "approval" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "evaluate" },
            { "from": "evaluate", "outcome": "done", "to": "review" },
            { "from": "review", "outcome": "submitted", "to": "consolidate" },
            { "from": "consolidate", "outcome": "done", "to": "approval" },
            { "from": "approval", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    private static IReadOnlyList<Party> Prefectures => PartyDirectory.LoadDefault().WithRole(PartyRole.Prefecture);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Evaluate_CorrectionMakesOneCaseInvalid_HoldsBackOnlyThatPrefecture(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-10T09:00");
        await host.PublishJsonAsync(Tail);
        var started = await host.Runtime.StartAsync("evaluation-tail", new JsonObject { ["data"] = Cases() });
        await host.Scheduler.RunPendingAsync();
        Assert.Equal(7, Results(await VariablesAsync(host, started.InstanceId)).Count);

        // A department's on-site correction replaces Lhasa's pollutant list with something the evaluation cannot read.
        var review = Assert.Single(await host.TasksAsync(started.InstanceId));
        var correction = new JsonObject
        {
            ["decision"] = "disagree",
            ["opinion"] = "现场核查更正",
            ["corrections"] = new JsonObject { ["lhasa"] = new JsonObject { ["pollutants"] = "garbage" } },
        };
        Assert.Equal(Reduction.Workflows.Tasks.TaskActionResult.Accepted, await host.Tasks.CompleteAsync(review.Id, correction, "epb"));
        await host.Scheduler.RunPendingAsync();

        var instance = (await host.Runtime.StoredInstanceAsync(started.InstanceId))!;
        Assert.Equal(InstanceStatus.Running, instance.Status);
        var variables = await VariablesAsync(host, started.InstanceId);
        var results = Results(variables);
        Assert.Equal(6, results.Count);
        Assert.DoesNotContain(results, r => r["prefecture"]!.GetValue<string>() == "lhasa");
        var held = Assert.Single(variables["results" + EvaluateAssessment.HeldSuffix]!.AsArray())!;
        Assert.Equal("lhasa", held["prefecture"]!.GetValue<string>());
        Assert.Equal("拉萨市", held["prefecture_name"]!.GetValue<string>());
        Assert.Equal("pollutants", held["errors"]![0]!["field"]!.GetValue<string>());
        var entry = Assert.Single(await host.JournalAsync(started.InstanceId), j => j.Event == EvaluateAssessment.HeldBackEvent);
        Assert.Contains("拉萨市", entry.Message, StringComparison.Ordinal);
        Assert.Contains("pollutants", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.JournalAsync(started.InstanceId), j => j.Event is "incident" or "faulted");

        // The other six flow on: the approval is issued for their results.
        Assert.Contains(await host.TasksAsync(started.InstanceId), t => t.Kind == "government-approval");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Evaluate_HeldBackCaseCorrected_EvaluatedAgainWithTheOthers(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-10T09:00");
        await host.PublishJsonAsync(Tail);
        var cases = Cases();
        cases["chamdo"] = new JsonObject { ["summary"] = "garbage" };
        var started = await host.Runtime.StartAsync("evaluation-tail", new JsonObject { ["data"] = cases });
        await host.Scheduler.RunPendingAsync();

        var first = await VariablesAsync(host, started.InstanceId);
        Assert.Equal(6, Results(first).Count);
        Assert.Equal("昌都市", Assert.Single(first["results" + EvaluateAssessment.HeldSuffix]!.AsArray())!["prefecture_name"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);

        // The review corrects Chamdo's data; the consolidating evaluation takes it up with the others.
        var review = Assert.Single(await host.TasksAsync(started.InstanceId));
        var passing = CycleSimulator.PassingCase(2014);
        var correction = new JsonObject
        {
            ["decision"] = "disagree",
            ["opinion"] = "补正昌都市数据",
            ["corrections"] = new JsonObject
            {
                ["chamdo"] = new JsonObject { ["pollutants"] = passing["pollutants"]!.DeepClone(), ["keyProjects"] = new JsonArray(), ["monitoring"] = passing["monitoring"]!.DeepClone() },
            },
        };
        await host.Tasks.CompleteAsync(review.Id, correction, "epb");
        await host.Scheduler.RunPendingAsync();

        var second = await VariablesAsync(host, started.InstanceId);
        Assert.Equal(7, Results(second).Count);
        Assert.Empty(second["results" + EvaluateAssessment.HeldSuffix]!.AsArray());
    }

    private static JsonObject Cases()
    {
        var cases = new JsonObject();
        foreach (var prefecture in Prefectures)
        {
            cases[prefecture.Id] = CycleSimulator.PassingCase(2014);
        }

        Assert.Equal(7, cases.Count);
        return cases;
    }

    private static List<JsonObject> Results(JsonObject variables) => variables["results"]!.AsArray().Select(r => r!.AsObject()).ToList();

    private static async Task<JsonObject> VariablesAsync(VirtualWorkflowHost host, Guid instanceId) =>
        InstanceState.Parse((await host.Runtime.StoredInstanceAsync(instanceId))!.StateJson).Variables;
}
