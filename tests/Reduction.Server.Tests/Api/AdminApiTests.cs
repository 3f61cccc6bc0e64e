using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Tests.Api;

/// <summary>The admin API end to end: in-process server, real PostgreSQL, real Hangfire server.</summary>
public sealed class AdminApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Health_Anonymous_OkWithJobServerId()
    {
        using var client = fixture.Client(password: null);

        var health = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, Patience, "healthy");

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal("ok", health["database"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(health["server"]?.GetValue<string>()));
        Assert.Equal("system", health["clock"]!.GetValue<string>());
        Assert.Equal("ok", health["timers"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clock_OnTheRealClock_ModeSystem_AdvanceRefused409()
    {
        using var client = fixture.Client();

        var clock = (await client.GetFromJsonAsync<JsonObject>("/api/clock"))!;
        using var advance = await client.PostAsJsonAsync("/api/clock/advance", new { by = "P1D" });

        Assert.Equal("system", clock["mode"]!.GetValue<string>());
        Assert.Null(clock["start"]);
        Assert.InRange(clock["now"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(HttpStatusCode.Conflict, advance.StatusCode);
        Assert.Contains("未启用演练时钟", (await advance.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Wrong-Password-1")]
    public async Task Api_WithoutValidCredentials_401WithBearerChallenge_DashboardRedirectsToSignIn(string? password)
    {
        // Not the shared operator: its failed sign-ins would lock it for the other tests.
        using var client = fixture.Client(password, user: "no-such-account");

        foreach (var path in new[] { "/api/workflows", "/api/instances", "/api/tasks" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        using var post = await client.PostAsJsonAsync("/api/signals/anything", new JsonObject());
        using var dashboard = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/console/signin", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_SystemAdminServed_OperatorForbidden()
    {
        using var client = await fixture.PagesAsync();
        using var operatorClient = await fixture.PagesAsync(AdminClient.User);

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var refused = await operatorClient.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reduction 作业控制台", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/console/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workflows_List_ShowsEveryPublishedDefinitionOfTheFolder()
    {
        using var client = fixture.Client();

        var workflows = (await client.GetFromJsonAsync<JsonArray>("/api/workflows"))!;

        var ids = workflows.Select(w => w!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["answer-drill", "crash-drill-child", "republish-drill"], ids);
        Assert.All(workflows, w => Assert.Equal(1, w!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task StartInstance_SameCorrelationKeyTwice_201ThenTheSameInstanceWith200()
    {
        using var client = fixture.Client();
        var key = $"api-{Guid.NewGuid():N}";

        using var first = await client.PostAsJsonAsync("/api/workflows/republish-drill/instances", new { correlationKey = key });
        using var second = await client.PostAsJsonAsync("/api/workflows/republish-drill/instances", new { correlationKey = key, variables = new { marker = "x" } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(created["created"]!.GetValue<bool>());
        Assert.Equal($"/api/instances/{created["instanceId"]}", first.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(again["created"]!.GetValue<bool>());
        Assert.Equal(created["instanceId"]!.GetValue<string>(), again["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartInstance_UnpublishedWorkflow_404WithMessage()
    {
        using var client = fixture.Client();

        using var response = await client.PostAsJsonAsync("/api/workflows/no-such-workflow/instances", new JsonObject());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("流程“no-such-workflow”尚未发布", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Instance_GetAndList_VariablesJournalAndFilters()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "republish-drill", new JsonObject { ["marker"] = "start" });

        var details = (await client.GetFromJsonAsync<JsonObject>($"/api/instances/{id}"))!;
        var waiting = (await client.GetFromJsonAsync<JsonArray>("/api/instances?definition=republish-drill&status=running&take=1000"))!;
        var completed = (await client.GetFromJsonAsync<JsonArray>("/api/instances?definition=republish-drill&status=Completed"))!;
        using var badStatus = await client.GetAsync(new Uri("/api/instances?status=sleeping", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri($"/api/instances/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal("Running", details["instance"]!["status"]!.GetValue<string>());
        Assert.Equal("start", details["variables"]!["marker"]!.GetValue<string>());
        Assert.Contains(details["journal"]!.AsArray(), j => j!["event"]!.GetValue<string>() == "started");
        Assert.Contains(waiting, i => i!["id"]!.GetValue<string>() == id.ToString());
        Assert.DoesNotContain(completed, i => i!["id"]!.GetValue<string>() == id.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CompleteTask_TwiceThenUnknown_200Then409Then404_EachAuditedWithTheAnswersOutcome()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "answer-drill", new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray("lhasa") });
        var task = await SingleTaskAsync(client, id);

        using var first = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { data = new { summary = "计划" }, by = "拉萨市环保局" });
        using var second = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { data = new { summary = "又一次" } });
        using var unknown = await client.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/complete", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("accepted", (await first.Content.ReadFromJsonAsync<JsonObject>())!["result"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("""{"result":"alreadyCompleted","message":"该任务已提交，无需重复提交"}""", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("notFound", (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["result"]!.GetValue<string>());
        var details = (await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!;
        var submission = Assert.Single(details["submissions"]!.AsArray())!;
        Assert.Equal("拉萨市环保局", submission["submittedBy"]!.GetValue<string>());
        Assert.Equal("计划", submission["data"]!["summary"]!.GetValue<string>());

        // The second answer's burst commits (it locks and reads the instance) but changes nothing: its entry must say
        // what the caller was told, not "success".
        var audit = fixture.Factory.Services.GetRequiredService<AuditLog>();
        var completes = (await audit.QueryAsync(new AuditQuery(Action: "POST /api/tasks/{id}/complete", Take: 10_000)))
            .Where(e => e.TargetId == task.ToString()).OrderBy(e => e.Sequence).Select(e => e.Outcome).ToList();
        Assert.Equal([AuditOutcomes.Success, AuditOutcomes.Failure], completes);
    }

    [Fact]
    public async Task CompleteTask_OfCancelledInstance_410Closed()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "answer-drill", new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray("shigatse") });
        var task = await SingleTaskAsync(client, id);

        using var cancel = await client.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "测试取消" });
        using var cancelAgain = await client.PostAsync(new Uri($"/api/instances/{id}/cancel", UriKind.Relative), null);
        using var complete = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, complete.StatusCode);
        Assert.Equal("closed", (await complete.Content.ReadFromJsonAsync<JsonObject>())!["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Signal_ResumesWaitingInstances_ThenNothingLeftToResume()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "republish-drill", new JsonObject());

        var first = (await (await client.PostAsJsonAsync("/api/signals/release-drill", new { payload = new { by = "test" } })).Content.ReadFromJsonAsync<JsonObject>())!;
        var second = (await (await client.PostAsJsonAsync("/api/signals/release-drill", new JsonObject())).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.True(first["resumed"]!.GetValue<int>() >= 1);
        Assert.Equal(0, second["resumed"]!.GetValue<int>());
        var details = (await client.GetFromJsonAsync<JsonObject>($"/api/instances/{id}"))!;
        Assert.Equal("Completed", details["instance"]!["status"]!.GetValue<string>());
        Assert.Equal("v1", details["variables"]!["marker"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_InstanceNotFaulted_409AndUnknown404()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "republish-drill", new JsonObject());

        using var retry = await client.PostAsync(new Uri($"/api/instances/{id}/retry", UriKind.Relative), null);
        using var unknown = await client.PostAsync(new Uri($"/api/instances/{Guid.NewGuid()}/retry", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("实例不处于故障状态，无需重试", (await retry.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Tasks_ListByInstanceAndParty_OnlyThose()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "answer-drill", new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray("chamdo", "ngari") });

        var all = (await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instance={id}"))!;
        var ngari = (await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instance={id}&party=ngari"))!;

        Assert.Equal(["chamdo", "ngari"], all.Select(t => t!["assigneePartyId"]!.GetValue<string>()).Order());
        Assert.Equal("ngari", Assert.Single(ngari)!["assigneePartyId"]!.GetValue<string>());
        Assert.Equal("Open", ngari[0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Actions_EachAuditedOnceWithItsOutcome_ConfidentialReadAudited_ChainIntact()
    {
        using var client = fixture.Client();
        var id = await StartAsync(client, "answer-drill", new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray("nyingchi") });
        var task = await SingleTaskAsync(client, id);

        using var cancel = await client.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "测试取消" });
        using var cancelAgain = await client.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "再次取消" });
        using var read = await client.GetAsync(new Uri($"/api/tasks/{task}", UriKind.Relative));

        var audit = fixture.Factory.Services.GetRequiredService<AuditLog>();
        var entries = (await audit.QueryAsync(new AuditQuery(User: AdminClient.User, Take: 10_000))).Where(e => e.TargetId == id.ToString() || e.TargetId == task.ToString()).ToList();
        var cancels = entries.Where(e => e.Action == "POST /api/instances/{id}/cancel").OrderBy(e => e.Sequence).ToList();
        Assert.Equal(2, cancels.Count);
        Assert.Equal(AuditOutcomes.Success, cancels[0].Outcome);
        Assert.All(cancels, e => Assert.Equal("instances", e.TargetKind));
        Assert.Single(entries, e => e.Action == "GET /api/tasks/{id}" && e.Outcome == AuditOutcomes.Success);
        Assert.Contains(await audit.QueryAsync(new AuditQuery(User: AdminClient.User, Action: "POST /api/workflows/{id}/instances", Take: 10_000)), e => e.TargetId == "answer-drill");
        Assert.True((await audit.VerifyAsync()).Intact);
    }

    private static async Task<Guid> StartAsync(HttpClient client, string workflow, JsonObject variables)
    {
        using var response = await client.PostAsJsonAsync($"/api/workflows/{workflow}/instances", new JsonObject { ["variables"] = variables });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
    }

    private static async Task<Guid> SingleTaskAsync(HttpClient client, Guid instanceId)
    {
        var tasks = (await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instance={instanceId}"))!;
        return Guid.Parse(Assert.Single(tasks)!["id"]!.GetValue<string>());
    }
}
