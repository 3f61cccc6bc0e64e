using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tests.Answers;

/// <summary>The canvas' instance view: `GET /api/instances/{id}/trace` (the path an instance of the shipped
/// annual-plan took, where it waits, its tasks, timers and journal; party-scoped) and
/// `GET /api/workflows/{id}/waiting` (running instances per waiting activity).</summary>
[Collection(AnswerCollection.Name)]
public sealed class InstanceTraceApiTests(AnswerFixture fixture)
{
    private const string MemberPassword = "Tibet-Staff-2026!";

    [Fact]
    public async Task Trace_ShippedAnnualPlan_PathWaitingNodeTasksAndJournal_AfterSubmissionMovesToReview()
    {
        var (instanceId, tasks) = await fixture.StartAsync("annual-plan", Plan("lhasa", "拉萨市"));
        using var operatorClient = fixture.Admin();

        var before = await TraceAsync(operatorClient, instanceId);
        var plan = tasks.Single();
        Assert.Equal(TaskActionResult.Accepted, await fixture.Services.GetRequiredService<TaskService>().CompleteAsync(plan.Id, Answer(), "测试"));
        var after = await TraceAsync(operatorClient, instanceId);

        Assert.Equal(instanceId.ToString(), before["instanceId"]!.GetValue<string>());
        Assert.Equal("annual-plan", before["definitionId"]!.GetValue<string>());
        Assert.Equal("Running", before["status"]!.GetValue<string>());
        Assert.Null(before["incident"]);
        var activities = before["activities"]!.AsObject();
        Assert.Equal(["start", "plan", "review", "accepted", "returned", "revise", "end"], activities.Select(a => a.Key));
        Assert.Equal(1, activities["start"]!["visits"]!.GetValue<int>());
        Assert.False(activities["start"]!["waiting"]!.GetValue<bool>());
        Assert.Equal(1, activities["plan"]!["visits"]!.GetValue<int>());
        Assert.True(activities["plan"]!["waiting"]!.GetValue<bool>());
        Assert.Equal(0, activities["review"]!["visits"]!.GetValue<int>());
        var task = Assert.Single(activities["plan"]!["tasks"]!.AsArray())!;
        Assert.Equal(plan.Id.ToString(), task["id"]!.GetValue<string>());
        Assert.Equal("lhasa", task["party"]!.GetValue<string>());
        Assert.EndsWith("+08:00", task["due"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("2015-03-15T23:59:59", task["due"]!.GetValue<string>(), StringComparison.Ordinal);
        var timers = activities["plan"]!["timers"]!.AsArray();
        // 2015's reminders are long past and never armed; the escalation chain is.
        Assert.Contains(timers, t => t!["kind"]!.GetValue<string>() == "escalation");
        Assert.All(timers, t => Assert.Contains(t!["kind"]!.GetValue<string>(), new[] { "reminder", "due", "escalation" }));
        Assert.Contains(activities["plan"]!["journal"]!.AsArray(), j => j!["kind"]!.GetValue<string>() == "task-issued" && j["message"]!.GetValue<string>().Contains("拉萨市", StringComparison.Ordinal));
        Assert.Equal([("start", "done", "plan")], Taken(before));

        var moved = after["activities"]!.AsObject();
        Assert.False(moved["plan"]!["waiting"]!.GetValue<bool>());
        Assert.Equal("Submitted", moved["plan"]!["tasks"]![0]!["state"]!.GetValue<string>());
        Assert.True(moved["review"]!["waiting"]!.GetValue<bool>());
        Assert.Equal("epb", moved["review"]!["tasks"]![0]!["party"]!.GetValue<string>());
        Assert.Equal([("start", "done", "plan"), ("plan", "submitted", "review")], Taken(after));
        Assert.DoesNotContain(moved["plan"]!["timers"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "Pending");
    }

    [Fact]
    public async Task Trace_OutOfScope404AsForAnUnknownInstance_OwnPartySees_SystemAdmin403()
    {
        var (instanceId, _) = await fixture.StartAsync("annual-plan", Plan("lhasa", "拉萨市"));
        await TestAccounts.EnsureAsync(fixture.Services, "lhasa-member", "lhasa", MemberPassword, AccountRoles.Member);
        await TestAccounts.EnsureAsync(fixture.Services, "shigatse-member", "shigatse", MemberPassword, AccountRoles.Member);
        using var lhasa = Client("lhasa-member", MemberPassword);
        using var shigatse = Client("shigatse-member", MemberPassword);
        using var systemAdmin = Client(AnswerFixture.SystemAdminUser, AdminClient.Password);

        using var own = await lhasa.GetAsync(new Uri($"/api/instances/{instanceId}/trace", UriKind.Relative));
        using var foreign = await shigatse.GetAsync(new Uri($"/api/instances/{instanceId}/trace", UriKind.Relative));
        using var unknown = await shigatse.GetAsync(new Uri($"/api/instances/{Guid.NewGuid()}/trace", UriKind.Relative));
        using var admin = await systemAdmin.GetAsync(new Uri($"/api/instances/{instanceId}/trace", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("拉萨市", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);

        // A trace shows the journal, so reading it is on record as reading the instance is.
        var audit = fixture.Services.GetRequiredService<AuditLog>();
        var reads = await Eventually.ReturnsAsync(
            async () =>
            {
                var found = await audit.QueryAsync(new AuditQuery(Action: "GET /api/instances/{id}/trace", Take: 1000));
                return found.Count(e => e.TargetId == instanceId.ToString()) >= 2 ? found : null;
            },
            TimeSpan.FromSeconds(10),
            "audit of the trace reads");
        Assert.Contains(reads, e => e.User == "lhasa-member" && e.TargetId == instanceId.ToString() && e.Outcome == AuditOutcomes.Success);
        Assert.Contains(reads, e => e.User == "shigatse-member" && e.TargetId == instanceId.ToString() && e.Outcome == AuditOutcomes.Denied);
    }

    [Fact]
    public async Task Waiting_RunningInstancesPerActivity_ByVersionOrAll_FinishedNotCounted()
    {
        // The shipped annual-plan under an id of this test's own, so other tests' instances do not count.
        var id = "trace-plan-" + Guid.NewGuid().ToString("N")[..8];
        var runtime = fixture.Services.GetRequiredService<WorkflowRuntime>();
        var shipped = DefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(AnswerFixture.RepositoryRoot(), "workflows", "annual-plan.json")), "annual-plan");
        shipped.Id = id;
        await runtime.Definitions.PublishAsync(shipped);
        var first = await fixture.StartAsync(id, Plan("lhasa", "拉萨市"));
        var second = await fixture.StartAsync(id, Plan("shigatse", "日喀则市"));
        var third = await fixture.StartAsync(id, Plan("nagqu", "那曲地区"));
        await fixture.Services.GetRequiredService<TaskService>().CompleteAsync(second.Tasks.Single().Id, Answer(), "测试");
        await runtime.CancelAsync(third.InstanceId, "测试取消");
        using var systemAdmin = Client(AnswerFixture.SystemAdminUser, AdminClient.Password);

        var all = (await systemAdmin.GetFromJsonAsync<JsonObject>($"/api/workflows/{id}/waiting"))!;
        var v1 = (await systemAdmin.GetFromJsonAsync<JsonObject>($"/api/workflows/{id}/waiting?version=1"))!;
        var v2 = (await systemAdmin.GetFromJsonAsync<JsonObject>($"/api/workflows/{id}/waiting?version=2"))!;
        using var badVersion = await systemAdmin.GetAsync(new Uri($"/api/workflows/{id}/waiting?version=abc", UriKind.Relative));
        using var unknown = await systemAdmin.GetAsync(new Uri($"/api/workflows/{id}-none/waiting", UriKind.Relative));
        using var operatorClient = fixture.Admin();
        using var asOperator = await operatorClient.GetAsync(new Uri($"/api/workflows/{id}/waiting", UriKind.Relative));

        Assert.Equal(new Dictionary<string, int> { ["plan"] = 1, ["review"] = 1 }, all.ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));
        Assert.Equal(all.ToJsonString(), v1.ToJsonString());
        Assert.Empty(v2);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.NotEqual(first.InstanceId, second.InstanceId);
    }

    private static List<(string, string, string)> Taken(JsonNode trace) =>
        trace["connectionsTaken"]!.AsArray().Select(c => (c!["from"]!.GetValue<string>(), c["outcome"]!.GetValue<string>(), c["to"]!.GetValue<string>())).ToList();

    private static async Task<JsonNode> TraceAsync(HttpClient client, Guid instanceId)
    {
        using var response = await client.GetAsync(new Uri($"/api/instances/{instanceId}/trace", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private HttpClient Client(string user, string password) =>
        new(AdminClient.SignedIn(fixture.Factory.Server.CreateHandler(), user, password)) { BaseAddress = new Uri("http://localhost") };

    private static JsonObject Plan(string id, string name) => new() { ["year"] = 2015, ["item"] = new JsonObject { ["id"] = id, ["name"] = name } };

    private static JsonObject Answer() => new() { ["summary"] = "按期报送" };
}
