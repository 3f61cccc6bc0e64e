using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Server.Hosting;
using Reduction.Server.Tests.Support;
using Reduction.Server.Workflows;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Api;

/// <summary>The designer's API (issue contract): the draft with `ETag` / `If-Match`, validation, publishing, versions
/// and diffs; system administrators only.</summary>
public sealed class WorkflowDesignApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = "Design-Member-2026";

    private IServiceProvider Services => fixture.Factory.Services;

    private DefinitionStore Store => Services.GetRequiredService<WorkflowRuntime>().Definitions;

    [Fact]
    public async Task Draft_GetPutGet_ETagRoundTrips_StaleSave412NamesWhoAndWhen()
    {
        var id = await NewWorkflowAsync();
        using var admin = SystemAdmin();

        using var read = await admin.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        var tag = read.Headers.ETag!.Tag;
        var definition = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        definition["name"] = "管理员改过的名称";
        using var saved = await PutDraftAsync(admin, id, definition, tag);
        var newTag = saved.Headers.ETag!.Tag;
        using var reread = await admin.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        definition["name"] = "另一位管理员的旧稿";
        using var stale = await PutDraftAsync(admin, id, definition, tag);
        var conflict = (await stale.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"v1\"", tag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(tag, newTag);
        Assert.Equal(newTag, reread.Headers.ETag!.Tag);
        Assert.Equal("管理员改过的名称", (await reread.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(ApiFixture.SystemAdminUser, conflict["changedBy"]!.GetValue<string>());
        Assert.EndsWith("+08:00", conflict["changedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        var message = conflict["message"]!.GetValue<string>();
        Assert.Contains(ApiFixture.SystemAdminUser, message, StringComparison.Ordinal);
        Assert.Contains("修改", message, StringComparison.Ordinal);
        Assert.Equal("管理员改过的名称", (await Store.GetDraftAsync(id))!.Definition.Name);
    }

    [Fact]
    public async Task PutDraft_NoIfMatch428_Malformed400_IdMismatch400_Oversize413_BodyNeverEchoed()
    {
        var id = await NewWorkflowAsync();
        using var admin = SystemAdmin();
        var definition = Definition(id);
        const string Marker = "SECRET-MARKER-7731";

        using var noTag = await admin.PutAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative), JsonContent.Create(definition));
        using var anyTag = await PutRawAsync(admin, id, definition.ToJsonString(), "*");
        using var malformed = await PutRawAsync(admin, id, "{\"id\": \"" + id + "\", \"" + Marker + "\": ", "\"v1\"");
        using var unknownProperty = await PutRawAsync(admin, id, "{\"id\": \"" + id + "\", \"name\": \"x\", \"" + Marker + "\": 1}", "\"v1\"");
        definition["id"] = "another-" + Marker;
        using var mismatch = await PutDraftAsync(admin, id, definition, "\"v1\"");
        using var oversize = await PutRawAsync(admin, id, "{\"id\": \"" + id + "\", \"name\": \"" + new string('x', DefinitionBody.MaxBytes) + Marker + "\"}", "\"v1\"");

        Assert.Equal(HttpStatusCode.PreconditionRequired, noTag.StatusCode);
        Assert.Contains("If-Match", await MessageAsync(noTag), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionRequired, anyTag.StatusCode);
        foreach (var refused in new[] { malformed, unknownProperty, mismatch })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Contains("JSON", await MessageAsync(malformed), StringComparison.Ordinal);
        Assert.Contains("不一致", await MessageAsync(mismatch), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        foreach (var refused in new[] { malformed, unknownProperty, mismatch, oversize })
        {
            Assert.DoesNotContain(Marker, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False((await Store.GetDraftAsync(id))!.IsDraft);
    }

    [Fact]
    public async Task PutDraft_TwoConcurrentSavesWithTheSameETag_ExactlyOneWins()
    {
        var id = await NewWorkflowAsync();
        using var first = SystemAdmin();
        using var second = SystemAdmin();
        using var read = await first.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        var tag = read.Headers.ETag!.Tag;

        for (var round = 0; round < 2; round++)
        {
            var a = Definition(id, name: $"甲-{round}");
            var b = Definition(id, name: $"乙-{round}");
            var answers = await Task.WhenAll(PutDraftAsync(first, id, a, tag), PutDraftAsync(second, id, b, tag));

            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            tag = answers.Single(r => r.StatusCode == HttpStatusCode.OK).Headers.ETag!.Tag;
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    [Fact]
    public async Task Validate_BodyOrDraft_FindingsCarryActivityPropertyAndChineseMessage()
    {
        var id = await NewWorkflowAsync();
        using var admin = SystemAdmin();
        var broken = Definition(id, duration: "三天");

        using var ofBody = await admin.PostAsJsonAsync($"/api/workflows/{id}/validate", broken);
        using var ofPublished = await admin.PostAsync(new Uri($"/api/workflows/{id}/validate", UriKind.Relative), null);
        using var saved = await PutDraftAsync(admin, id, broken, "\"v1\"");
        using var ofDraft = await admin.PostAsync(new Uri($"/api/workflows/{id}/validate", UriKind.Relative), null);
        using var malformed = await admin.PostAsync(new Uri($"/api/workflows/{id}/validate", UriKind.Relative), new StringContent("{", Encoding.UTF8, "application/json"));

        var report = (await ofBody.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, ofBody.StatusCode);
        Assert.False(report["valid"]!.GetValue<bool>());
        var finding = Assert.Single(report["findings"]!.AsArray(), f => f!["severity"]!.GetValue<string>() == "error")!;
        Assert.Equal("pause", finding["activityId"]!.GetValue<string>());
        Assert.Equal("duration", finding["property"]!.GetValue<string>());
        Assert.Equal("时长“三天”不是 ISO 8601 格式（如 PT2H、P3D）", finding["message"]!.GetValue<string>());
        Assert.True((await ofPublished.Content.ReadFromJsonAsync<JsonObject>())!["valid"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.False((await ofDraft.Content.ReadFromJsonAsync<JsonObject>())!["valid"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Publish_Changed201_LayoutOnly200_Invalid422_VersionsRecordSourcePublisherNoteAndAudit()
    {
        var id = await NewWorkflowAsync();
        using var admin = SystemAdmin();

        using var changedDraft = await PutDraftAsync(admin, id, Definition(id, duration: "PT5S"), "\"v1\"");
        using var published = await admin.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "延时改为五秒" });
        var tag = (await GetDraftTagAsync(admin, id))!;
        using var movedDraft = await PutDraftAsync(admin, id, Definition(id, duration: "PT5S", x: 640), tag);
        using var layoutOnly = await admin.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "只挪了节点" });
        using var brokenDraft = await PutDraftAsync(admin, id, Definition(id, duration: "三天", x: 640), movedDraft.Headers.ETag!.Tag);
        using var invalid = await admin.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "坏的" });
        using var versions = await admin.GetAsync(new Uri($"/api/workflows/{id}/versions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, movedDraft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, layoutOnly.StatusCode);
        Assert.Equal(2, (await layoutOnly.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        Assert.Equal((HttpStatusCode)422, invalid.StatusCode);
        var refusal = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(refusal["valid"]!.GetValue<bool>());
        Assert.Contains(refusal["findings"]!.AsArray(), f => f!["activityId"]!.GetValue<string>() == "pause" && f["property"]!.GetValue<string>() == "duration");

        var history = (await versions.Content.ReadFromJsonAsync<JsonObject>())!;
        var list = history["versions"]!.AsArray();
        Assert.Equal([2, 1], list.Select(v => v!["version"]!.GetValue<int>()));
        var v2 = list[0]!;
        Assert.Equal(("designer", ApiFixture.SystemAdminUser, ApiFixture.SystemAdminUser, "延时改为五秒"), (v2["source"]!.GetValue<string>(), v2["sourceName"]!.GetValue<string>(), v2["publishedBy"]!.GetValue<string>(), v2["note"]!.GetValue<string>()));
        Assert.EndsWith("+08:00", v2["publishedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ApiFixture.SystemAdminUser, history["draft"]!["changedBy"]!.GetValue<string>());
        var audit = await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: ApiFixture.SystemAdminUser, Action: "workflow.publish", Take: 1000));
        var entry = Assert.Single(audit, e => e.TargetId == id);
        Assert.Contains("version=2", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("延时改为五秒", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_InstancesCountedPerVersion()
    {
        var id = await NewWorkflowAsync();
        var runtime = Services.GetRequiredService<WorkflowRuntime>();
        await runtime.StartAsync(id, null);
        await Store.PublishAsync(DefinitionJson.Parse(Definition(id, duration: "PT9S").ToJsonString(), "test"));
        await runtime.StartAsync(id, null);
        await runtime.StartAsync(id, null);
        using var admin = SystemAdmin();

        using var versions = await admin.GetAsync(new Uri($"/api/workflows/{id}/versions", UriKind.Relative));

        var list = (await versions.Content.ReadFromJsonAsync<JsonObject>())!["versions"]!.AsArray();
        Assert.Equal(2, list[0]!["instances"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
        Assert.Equal(1, list[1]!["instances"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
    }

    [Fact]
    public async Task Diff_ChangedInputOldAgainstNew_AddedActivity_MoveIsNoChange()
    {
        var id = await NewWorkflowAsync();
        await Store.SaveDraftAsync(DefinitionJson.Parse(Definition(id, x: 900).ToJsonString(), "test"), "v1", ApiFixture.SystemAdminUser);
        var third = Definition(id, duration: "PT7S");
        third["activities"]!.AsArray().Add(new JsonObject { ["id"] = "extra", ["type"] = "Delay", ["inputs"] = new JsonObject { ["duration"] = "PT1S" } });
        third["connections"] = JsonNode.Parse($$"""[{ "from": "start", "outcome": "done", "to": "pause" }, { "from": "pause", "outcome": "done", "to": "extra" }, { "from": "extra", "outcome": "done", "to": "end" }]""");
        await Store.PublishAsync(DefinitionJson.Parse(third.ToJsonString(), "test"));
        using var admin = SystemAdmin();

        using var moved = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=0", UriKind.Relative));
        using var changed = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=2", UriKind.Relative));
        using var missing = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=9", UriKind.Relative));
        using var noParameters = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff", UriKind.Relative));
        using var badParameter = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=x&to=2", UriKind.Relative));

        var layout = (await moved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.False(layout["hasChanges"]!.GetValue<bool>());
        Assert.Empty(layout["changed"]!.AsArray());
        var diff = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(diff["hasChanges"]!.GetValue<bool>());
        Assert.Equal("extra", Assert.Single(diff["added"]!.AsArray())!["id"]!.GetValue<string>());
        var pause = Assert.Single(diff["changed"]!.AsArray())!;
        Assert.Equal("pause", pause["id"]!.GetValue<string>());
        var property = Assert.Single(pause["properties"]!.AsArray())!;
        Assert.Equal(("duration", "PT3S", "PT7S"), (property["name"]!.GetValue<string>(), property["old"]!.GetValue<string>(), property["new"]!.GetValue<string>()));
        Assert.Equal(2, diff["addedConnections"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noParameters.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badParameter.StatusCode);
    }

    [Fact]
    public async Task HollowDraft_NullsWhereListsAndObjectsBelong_SavedValidatedDiffedRefused_NeverA500()
    {
        var id = await NewWorkflowAsync();
        using var admin = SystemAdmin();
        var hollow = $$"""
            { "id": "{{id}}", "name": null, "variables": null, "triggers": [null],
              "activities": [null, { "id": "pause", "type": null, "inputs": null }, { "id": "x", "type": "Delay", "inputs": { "duration": null } }],
              "connections": [null, { "from": null, "outcome": null, "to": null }] }
            """;

        using var saved = await PutRawAsync(admin, id, hollow, "\"v1\"");
        using var validated = await admin.PostAsync(new Uri($"/api/workflows/{id}/validate", UriKind.Relative), null);
        using var diffed = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=0", UriKind.Relative));
        using var reverse = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=0&to=1", UriKind.Relative));
        using var published = await admin.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "空壳" });
        using var read = await admin.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.False((await validated.Content.ReadFromJsonAsync<JsonObject>())!["valid"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, diffed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reverse.StatusCode);
        Assert.Equal((HttpStatusCode)422, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Diff_WithYear_ReminderMovedShowsItsDatesOldAgainstNew()
    {
        var id = "plan-" + Guid.NewGuid().ToString("N")[..8];
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Answers.AnswerFixture.RepositoryRoot(), "workflows", "annual-plan.json")))!.AsObject();
        shipped["id"] = id;
        await Store.PublishAsync(DefinitionJson.Parse(shipped.ToJsonString(), "annual-plan.json"));
        var plan = shipped["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "plan")!;
        plan["inputs"]!["reminders"]![0]!["offset"] = "workdays:-5";
        plan["position"] = new JsonObject { ["x"] = 999, ["y"] = 999 };
        await Store.SaveDraftAsync(DefinitionJson.Parse(shipped.ToJsonString(), "draft"), "v1", ApiFixture.SystemAdminUser);
        using var admin = SystemAdmin();

        using var dated = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=0&year=2016", UriKind.Relative));
        using var undated = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=0", UriKind.Relative));
        using var badYear = await admin.GetAsync(new Uri($"/api/workflows/{id}/diff?from=1&to=0&year=99999", UriKind.Relative));

        var changed = Assert.Single((await dated.Content.ReadFromJsonAsync<JsonObject>())!["changed"]!.AsArray())!;
        Assert.Equal("plan", changed["id"]!.GetValue<string>());
        var reminders = Assert.Single(changed["properties"]!.AsArray())!;
        Assert.Equal("reminders", reminders["name"]!.GetValue<string>());
        var calendar = Services.GetRequiredService<WorkflowRuntime>().Calendar;
        string On(string rule) => Reduction.Domain.Calendar.DeadlineRule.Parse(rule)
            .Resolve(new Reduction.Domain.Calendar.DeadlineContext(2016, new DateOnly(2016, 3, 15)), calendar).DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var oldDates = reminders["oldDates"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        var newDates = reminders["newDates"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Equal([On("workdays:-10"), On("workdays:-3"), On("days:-1")], oldDates);
        Assert.Equal([On("workdays:-5"), On("workdays:-3"), "2016-03-14"], newDates);
        Assert.True(string.CompareOrdinal(newDates[0], oldDates[0]) > 0);
        var plain = Assert.Single(Assert.Single((await undated.Content.ReadFromJsonAsync<JsonObject>())!["changed"]!.AsArray())!["properties"]!.AsArray())!;
        Assert.Null(plain["oldDates"]);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
    }

    [Fact]
    public async Task EveryDesignRoute_401WithoutCredentials_403ForOtherRoles_404ForUnknownWorkflow()
    {
        var id = await NewWorkflowAsync();
        var member = $"member-lhasa-{Guid.NewGuid().ToString("N")[..6]}";
        await TestAccounts.EnsureAsync(Services, member, "lhasa", Password, AccountRoles.Member);
        using var anonymous = fixture.Client(password: null);
        using var asOperator = fixture.Client();
        using var asMember = fixture.Client(Password, member);
        using var admin = SystemAdmin();

        foreach (var (method, route) in Routes)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, method, route(id))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(asOperator, method, route(id))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(asMember, method, route(id))).StatusCode);
            using var unknown = await SendAsync(admin, method, route("no-such-workflow"));
            Assert.True(unknown.StatusCode == HttpStatusCode.NotFound, $"{method} {route("x")}: {unknown.StatusCode}");
            Assert.Contains("不存在", await MessageAsync(unknown), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartupPublishing_SameFileAfterADesignerVersion_DesignerStaysLatest_ChangedFilePublishes()
    {
        var id = "shipped-" + Guid.NewGuid().ToString("N")[..8];
        using var folder = new DrillFolder(Definition(id).ToJsonString());
        await RunStartupAsync(folder);
        using var admin = SystemAdmin();
        using var saved = await PutDraftAsync(admin, id, Definition(id, duration: "PT8S"), "\"v1\"");
        using var published = await admin.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "管理员改为八秒" });

        await RunStartupAsync(folder);
        var afterRestart = await Store.GetDefinitionAsync(id);
        folder.Write(Definition(id, duration: "PT4S").ToJsonString());
        await RunStartupAsync(folder);
        var afterNewFile = await Store.GetDefinitionAsync(id);

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, afterRestart.Version);
        Assert.Equal("PT8S", afterRestart.FindActivity("pause")!.Inputs["duration"].GetString());
        Assert.Equal(3, afterNewFile.Version);
        Assert.Equal("PT4S", afterNewFile.FindActivity("pause")!.Inputs["duration"].GetString());
        var v3 = (await Store.ListVersionsAsync(id)).Single(v => v.Version == 3);
        Assert.Equal((DefinitionSources.File, $"{id}.json"), (v3.Source, v3.SourceName));
    }

    private static readonly (HttpMethod Method, Func<string, string> Route)[] Routes =
    [
        (HttpMethod.Get, id => $"/api/workflows/{id}/draft"),
        (HttpMethod.Put, id => $"/api/workflows/{id}/draft"),
        (HttpMethod.Post, id => $"/api/workflows/{id}/validate"),
        (HttpMethod.Post, id => $"/api/workflows/{id}/publish"),
        (HttpMethod.Get, id => $"/api/workflows/{id}/versions"),
        (HttpMethod.Get, id => $"/api/workflows/{id}/diff?from=1&to=1"),
        (HttpMethod.Post, id => $"/api/workflows/{id}/rehearsal"),
        (HttpMethod.Get, id => $"/api/workflows/{id}/versions/1/export"),
        (HttpMethod.Get, id => $"/api/workflows/{id}/waiting"),
    ];

    private async Task RunStartupAsync(DrillFolder folder)
    {
        var startup = new WorkflowStartup(
            Services.GetRequiredService<WorkflowDatabase>(),
            Services.GetRequiredService<WorkflowRuntime>(),
            Options.Create(new ServerOptions { WorkflowsFolder = folder.Path, MigrateOnStart = false }),
            Services.GetRequiredService<IHostEnvironment>(),
            TimeProvider.System,
            NullLogger<WorkflowStartup>.Instance);
        await startup.StartAsync(CancellationToken.None);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string route)
    {
        var request = new HttpRequestMessage(method, route);
        if (method == HttpMethod.Put)
        {
            var id = route.Split('/')[3];
            request.Content = JsonContent.Create(Definition(id));
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"v1\""));
        }

        return client.SendAsync(request);
    }

    private HttpClient SystemAdmin() => fixture.Client(AdminClient.Password, ApiFixture.SystemAdminUser);

    private async Task<string> NewWorkflowAsync()
    {
        var id = "design-" + Guid.NewGuid().ToString("N")[..8];
        await Store.PublishAsync(DefinitionJson.Parse(Definition(id).ToJsonString(), "test"));
        return id;
    }

    private static JsonObject Definition(string id, string duration = "PT3S", double x = 200, string name = "设计器测试") => JsonNode.Parse($$"""
        {
          "id": "{{id}}",
          "name": "{{name}}",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "pause", "type": "Delay", "inputs": { "duration": "{{duration}}" }, "position": { "x": {{x}}, "y": 0 } },
            { "id": "end", "type": "End", "position": { "x": 400, "y": 0 } }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "pause" },
            { "from": "pause", "outcome": "done", "to": "end" }
          ]
        }
        """)!.AsObject();

    private static Task<HttpResponseMessage> PutDraftAsync(HttpClient client, string id, JsonObject definition, string tag) =>
        PutRawAsync(client, id, definition.ToJsonString(), tag);

    private static Task<HttpResponseMessage> PutRawAsync(HttpClient client, string id, string body, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/workflows/{id}/draft") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        return client.SendAsync(request);
    }

    private static async Task<string?> GetDraftTagAsync(HttpClient client, string id)
    {
        using var read = await client.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        return read.Headers.ETag?.Tag;
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
}
