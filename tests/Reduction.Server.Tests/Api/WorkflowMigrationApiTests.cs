using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Api;

/// <summary>The migration API (issue contract): `POST /api/workflows/{id}/migrations/preview` changes nothing;
/// `POST /api/workflows/{id}/migrations` moves instances only with `"confirm": "MIGRATE"`, journaled and audited;
/// bad bodies are refused in Chinese without repeating them; system administrators only.</summary>
public sealed partial class WorkflowMigrationApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = "Migrate-Member-2026";

    private IServiceProvider Services => fixture.Factory.Services;

    private WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    [Fact]
    public async Task PreviewThenApply_LaterDue_PreviewChangesNothing_ConfirmRequired_MovedJournaledAudited_SecondApplyRefused()
    {
        var id = await PublishTwoVersionsAsync();
        var started = await Runtime.StartAsync(id, version: 1);
        var body = new JsonObject { ["fromVersion"] = 1, ["toVersion"] = 2, ["instances"] = null, ["mapping"] = null };
        using var admin = SystemAdmin();
        var timersBefore = await TimersAsync(started.InstanceId);

        using var preview = await admin.PostAsJsonAsync($"/api/workflows/{id}/migrations/preview", body);
        var timersAfterPreview = await TimersAsync(started.InstanceId);
        var versionAfterPreview = await VersionAsync(started.InstanceId);
        using var unconfirmed = await admin.PostAsJsonAsync($"/api/workflows/{id}/migrations", body);
        body["confirm"] = "migrate";
        using var wrongCase = await admin.PostAsJsonAsync($"/api/workflows/{id}/migrations", body);
        var versionAfterRefusals = await VersionAsync(started.InstanceId);
        body["confirm"] = "MIGRATE";
        using var applied = await admin.PostAsJsonAsync($"/api/workflows/{id}/migrations", body);
        body["instances"] = new JsonArray(started.InstanceId.ToString());
        using var again = await admin.PostAsJsonAsync($"/api/workflows/{id}/migrations", body);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var planned = (await preview.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((1, 2), (planned["fromVersion"]!.GetValue<int>(), planned["toVersion"]!.GetValue<int>()));
        var instance = Assert.Single(planned["instances"]!.AsArray())!;
        Assert.Equal(started.InstanceId.ToString(), instance["instanceId"]!.GetValue<string>());
        Assert.True(instance["canMigrate"]!.GetValue<bool>());
        var due = Assert.Single(instance["changes"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "due-changed")!;
        Assert.Equal("拉萨市的期限：3月15日 23:59 → 3月22日 23:59", due["message"]!.GetValue<string>());
        Assert.Equal(("2027-03-15T23:59:59+08:00", "2027-03-22T23:59:59+08:00"), (due["old"]!.GetValue<string>(), due["new"]!.GetValue<string>()));
        Assert.Contains(instance["changes"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "reminder-recomputed" && c["message"]!.GetValue<string>() == "第 1 次提醒：3月10日 09:00 → 3月17日 09:00");
        Assert.Equal(timersBefore, timersAfterPreview);
        Assert.Equal(1, versionAfterPreview);

        foreach (var refused in new[] { unconfirmed, wrongCase })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("MIGRATE", await MessageAsync(refused), StringComparison.Ordinal);
        }

        Assert.Equal(1, versionAfterRefusals);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var moved = Assert.Single((await applied.Content.ReadFromJsonAsync<JsonObject>())!["instances"]!.AsArray())!;
        Assert.True(moved["migrated"]!.GetValue<bool>());
        Assert.Equal(2, await VersionAsync(started.InstanceId));
        await using (var db = Runtime.Database.CreateContext())
        {
            var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == started.InstanceId);
            Assert.Equal(new DateTimeOffset(2027, 3, 22, 23, 59, 59, TimeSpan.FromHours(8)), task.DueAt);
            Assert.Equal(1, await db.Journal.CountAsync(j => j.InstanceId == started.InstanceId && j.Event == "migrated"));
            var pending = await db.Timers.AsNoTracking().Where(t => t.InstanceId == started.InstanceId && t.Status == TimerStatus.Pending).ToListAsync();
            Assert.Equal(3, pending.Count); // one reminder, the due transition, one escalation
            Assert.Contains(pending, t => t.Purpose == "reminder" && t.DueAt == new DateTimeOffset(2027, 3, 17, 9, 0, 0, TimeSpan.FromHours(8)));
        }

        var againInstance = Assert.Single((await again.Content.ReadFromJsonAsync<JsonObject>())!["instances"]!.AsArray())!;
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(againInstance["canMigrate"]!.GetValue<bool>());
        Assert.False(againInstance["migrated"]!.GetValue<bool>());
        Assert.Equal("实例已在目标版本 v2 上，无需再迁移。", againInstance["reason"]!.GetValue<string>());

        var audit = Services.GetRequiredService<AuditLog>();
        var migrated = await audit.QueryAsync(new AuditQuery(User: ApiFixture.SystemAdminUser, Action: "workflow.migrate", Take: 1000));
        var entry = Assert.Single(migrated, e => e.TargetId == started.InstanceId.ToString());
        Assert.Equal("instance", entry.TargetKind);
        Assert.Contains($"workflow={id}; from=1; to=2", entry.Detail, StringComparison.Ordinal);
        var requests = await audit.QueryAsync(new AuditQuery(User: ApiFixture.SystemAdminUser, Action: "POST /api/workflows/{id}/migrations", Take: 1000));
        Assert.Equal(
            [AuditOutcomes.Failure, AuditOutcomes.Failure, AuditOutcomes.Success, AuditOutcomes.Success], // two refused, the move, the repeat
            requests.Where(e => e.TargetId == id).OrderBy(e => e.Sequence).Select(e => e.Outcome));
    }

    [Fact]
    public async Task Migrations_BadBodies400ChineseNeverEchoed_UnknownWorkflowOrVersion404_OnlySystemAdmins()
    {
        var id = await PublishTwoVersionsAsync();
        const string Marker = "SECRET-MARKER-4417";
        var member = $"member-lhasa-{Guid.NewGuid().ToString("N")[..6]}";
        await TestAccounts.EnsureAsync(Services, member, "lhasa", Password, AccountRoles.Member);
        using var admin = SystemAdmin();
        using var anonymous = fixture.Client(password: null);
        using var asOperator = fixture.Client();
        using var asMember = fixture.Client(Password, member);

        var bad = new[]
        {
            "{\"fromVersion\": 1, \"" + Marker + "\": ",
            "[\"" + Marker + "\"]",
            "{\"fromVersion\": \"" + Marker + "\", \"toVersion\": 2}",
            "{\"toVersion\": 2}",
            "{\"fromVersion\": 2, \"toVersion\": 2}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"instances\": [\"" + Marker + "\"]}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"state\": \"" + Marker + "\"}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"state\": \"1\"}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"party\": \"" + Marker + "\"}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"mapping\": {\"plan\": \"" + Marker + "\"}}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"mapping\": {\"" + Marker + "\": \"plan\"}}",
            "{\"fromVersion\": 1, \"toVersion\": 2, \"mapping\": {\"plan\": null}}",
        };
        foreach (var route in new[] { $"/api/workflows/{id}/migrations/preview", $"/api/workflows/{id}/migrations" })
        {
            foreach (var text in bad)
            {
                using var response = await PostRawAsync(admin, route, text.StartsWith('{') ? "{\"confirm\": \"MIGRATE\", " + text[1..] : text);
                var answer = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} {text}: {(int)response.StatusCode} {answer}");
                Assert.DoesNotContain(Marker, answer, StringComparison.Ordinal);
                Assert.Matches(Chinese(), await MessageAsync(response));
            }

            var valid = new JsonObject { ["fromVersion"] = 1, ["toVersion"] = 2, ["confirm"] = "MIGRATE" };
            using var unknownWorkflow = await admin.PostAsJsonAsync(route.Replace(id, "no-such-workflow", StringComparison.Ordinal), valid);
            using var unknownVersion = await admin.PostAsJsonAsync(route, new JsonObject { ["fromVersion"] = 1, ["toVersion"] = 9, ["confirm"] = "MIGRATE" });
            Assert.Equal(HttpStatusCode.NotFound, unknownWorkflow.StatusCode);
            Assert.Contains("不存在", await MessageAsync(unknownWorkflow), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
            Assert.Contains("版本", await MessageAsync(unknownVersion), StringComparison.Ordinal);

            using var noCredentials = await anonymous.PostAsJsonAsync(route, valid);
            using var operatorCall = await asOperator.PostAsJsonAsync(route, valid);
            using var memberCall = await asMember.PostAsJsonAsync(route, valid);
            Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, operatorCall.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, memberCall.StatusCode);
        }
    }

    private HttpClient SystemAdmin() => fixture.Client(AdminClient.Password, ApiFixture.SystemAdminUser);

    /// <summary>A workflow with one task for Lhasa due 15 March 2027 (v1) and the same due 22 March (v2).</summary>
    private async Task<string> PublishTwoVersionsAsync()
    {
        var id = "migrate-" + Guid.NewGuid().ToString("N")[..8];
        await Runtime.Definitions.PublishAsync(DefinitionJson.Parse(Definition(id, "day:03-15"), "test"));
        await Runtime.Definitions.PublishAsync(DefinitionJson.Parse(Definition(id, "day:03-22"), "test"));
        return id;
    }

    private static string Definition(string id, string due) => $$"""
        {
          "id": "{{id}}",
          "name": "迁移接口测试",
          "variables": [{ "name": "year", "type": "number", "default": 2027 }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan",
                "title": "2027年度计划（拉萨市）",
                "assignees": "[\"lhasa\"]",
                "due": "{{due}}",
                "reminders": [ { "offset": "workdays:-3" } ],
                "escalation": [ { "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue" } ] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "plan" },
            { "from": "plan", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    private async Task<int> VersionAsync(Guid instanceId)
    {
        await using var db = Runtime.Database.CreateContext();
        return await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.DefinitionVersion).SingleAsync();
    }

    private async Task<List<(Guid, TimerStatus, DateTimeOffset)>> TimersAsync(Guid instanceId)
    {
        await using var db = Runtime.Database.CreateContext();
        return (await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync()).OrderBy(t => t.Id).Select(t => (t.Id, t.Status, t.DueAt)).ToList();
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string route, string body) =>
        client.PostAsync(new Uri(route, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
