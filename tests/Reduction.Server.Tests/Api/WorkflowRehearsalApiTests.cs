using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>`POST /api/workflows/{id}/rehearsal` on a server with the shipped workflows: the draft's year beside the
/// published version's, with what moved.</summary>
public sealed class WorkflowRehearsalApiTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Admin = "rehearsal-admin";
    private const string Password = "Lhasa-Yearly-Plan-2026";

    [Fact]
    public async Task Rehearsal_FirstReminderFiveInsteadOfTenWorkdays_TimelineShowsTheReminderMovedLater()
    {
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), Path.Combine(AnswerFixture.RepositoryRoot(), "workflows"));
        _ = factory.Server;
        await TestAccounts.EnsureAsync(factory.Services, Admin, "epb", Password, AccountRoles.SystemAdmin);
        using var admin = factory.SignedInFrom(IPAddress.Parse("10.9.0.1"), Admin, Password);
        using var read = await admin.GetAsync(new Uri("/api/workflows/annual-plan/draft", UriKind.Relative));
        var plan = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        var task = plan["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "plan")!;
        task["inputs"]!["reminders"]![0]!["offset"] = "workdays:-5";
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/workflows/annual-plan/draft") { Content = new StringContent(plan.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        using var saved = await admin.SendAsync(put);

        // 拉萨市 files its plan the day before the deadline, so it is reminded first.
        var lateLhasa = JsonNode.Parse("""{"prefectures": {"拉萨市": {"plan": {"submitAt": "2016-03-14T10:00:00+08:00"}}}}""");
        using var rehearsal = await admin.PostAsJsonAsync("/api/workflows/annual-plan/rehearsal", new JsonObject { ["year"] = 2016, ["scenario"] = lateLhasa });
        using var noYear = await admin.PostAsJsonAsync("/api/workflows/annual-plan/rehearsal", new { });
        using var badScenario = await admin.PostAsJsonAsync("/api/workflows/annual-plan/rehearsal", new { year = 2016, scenario = new { prefectures = new Dictionary<string, object> { ["不存在市"] = new { } } } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(rehearsal.StatusCode == HttpStatusCode.OK, factory.Logs.Warnings);
        var body = (await rehearsal.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2016, body["year"]!.GetValue<int>());
        Assert.NotEmpty(body["events"]!.AsArray());
        var moved = body["differences"]!.AsArray().Where(d => d!["notice"]?.GetValue<string>() == "reminder").ToList();
        Assert.True(moved.Count > 0, body["differences"]!.ToJsonString());
        Assert.Contains(moved, d => d!["party"]!.GetValue<string>() == "拉萨市");
        Assert.All(moved, d => Assert.True(
            DateTimeOffset.Parse(d!["after"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(d["before"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("提醒", moved[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("→", moved[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noYear.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badScenario.StatusCode);
    }
}
