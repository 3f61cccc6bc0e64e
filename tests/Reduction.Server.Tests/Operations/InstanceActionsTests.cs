using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;

namespace Reduction.Server.Tests.Operations;

/// <summary>暂停 / 恢复 / 取消 of an instance, through the API and on the console's instance page in Chromium, on the real
/// server (PostgreSQL, the real Hangfire server): each with its reason in the journal, refused with 409 where the
/// instance is not in a state for it, 404 outside the caller's scope, 403 without the operator role; checked against
/// what the server stored. Screenshot: artifacts/test-results/screenshots/ops-instance-page.png.</summary>
public sealed class InstanceActionsTests(ActionsServer server) : IClassFixture<ActionsServer>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [Fact]
    public async Task Api_SuspendResumeCancel_JournalTheReasonAndRefuseWhatDoesNotApply()
    {
        var cycle = await TwoPartyWorkflow.StartAsync(server);
        var api = cycle.Api;
        var path = $"/api/instances/{cycle.Instance}";

        await AssertAsync(await api.PostAsJsonAsync(path + "/suspend", new { reason = "等待考核安排调整" }), HttpStatusCode.OK, "Suspended");
        await AssertAsync(await api.PostAsJsonAsync(path + "/suspend", new { reason = "再次暂停" }), HttpStatusCode.Conflict, "Suspended");
        Assert.Contains(await JournalAsync(api, cycle.Instance), m => m == "实例已暂停：等待考核安排调整");

        // While suspended the tasks stay open and their reminder stays pending.
        var task = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/tasks/{cycle.Tasks["lhasa"]}", UriKind.Relative)))!;
        Assert.Equal(["pending"], task["reminders"]!.AsArray().Select(r => r!["state"]!.GetValue<string>()));
        // ... and can be neither answered nor acted on, each refused with a message saying why; nothing is stored.
        using (var held = await api.PostAsJsonAsync($"/api/tasks/{cycle.Tasks["lhasa"]}/complete", new { data = new { summary = "自查报告" }, by = "拉萨市" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
            Assert.Equal("held", (await held.Content.ReadFromJsonAsync<JsonObject>())!["result"]!.GetValue<string>());
        }

        using (var urge = await api.PostAsJsonAsync($"/api/tasks/{cycle.Tasks["lhasa"]}/urge", new { reason = "请尽快报送" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, urge.StatusCode);
            Assert.Contains("已暂停", (await urge.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty((await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/tasks/{cycle.Tasks["lhasa"]}", UriKind.Relative)))!["submissions"]!.AsArray());

        await AssertAsync(await api.PostAsJsonAsync(path + "/resume", new { reason = "安排已确定" }), HttpStatusCode.OK, "Running");
        await AssertAsync(await api.PostAsync(new Uri(path + "/resume", UriKind.Relative), null), HttpStatusCode.Conflict, "Running");
        Assert.Contains(await JournalAsync(api, cycle.Instance), m => m == "实例已恢复运行：安排已确定");

        // Outside the caller's scope, or without the operator role.
        using (var missing = await api.PostAsJsonAsync($"/api/instances/{Guid.NewGuid()}/suspend", new { reason = "不存在" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var member = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        using (var memberApi = await server.ApiAsync(member))
        using (var refused = await memberApi.PostAsJsonAsync(path + "/cancel", new { reason = "成员无权取消" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await AssertAsync(await api.PostAsJsonAsync(path + "/cancel", new { reason = "重复启动" }), HttpStatusCode.OK, "Cancelled");
        await AssertAsync(await api.PostAsJsonAsync(path + "/suspend", new { reason = "已取消" }), HttpStatusCode.Conflict, "Cancelled");
        Assert.Contains(await JournalAsync(api, cycle.Instance), m => m.Contains("重复启动", StringComparison.Ordinal));
        var audit = await server.AuditAsync(cycle.Operator, "POST /api/instances/{id}/suspend");
        Assert.Contains(audit, e => e.Outcome == "success" && e.TargetId == cycle.Instance.ToString());
    }

    [Fact]
    public async Task InstancePage_ShowsTasksTimersAndJournal_AndSuspendsResumesAndCancelsWithAReason()
    {
        var cycle = await TwoPartyWorkflow.StartAsync(server);
        var page = await server.SignInAsync(_browser!, cycle.Operator);
        await page.GotoAsync(server.Url($"/console/instances/{cycle.Instance}"));
        await Assertions.Expect(page.Locator("[data-testid=instance-status]")).ToHaveTextAsync("运行中");
        await Assertions.Expect(page.Locator("[data-testid=instance-tasks] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=instance-tasks]")).ToContainTextAsync("拉萨市");
        await Assertions.Expect(page.Locator("[data-testid=instance-tasks]")).ToContainTextAsync("日喀则市");
        // Two reminders (10 December 09:00) and two deadlines pending, one per task.
        await Assertions.Expect(page.Locator("[data-testid=pending-timers] tbody tr[data-kind=reminder]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=pending-timers]")).ToContainTextAsync("2026-12-10 09:00");
        await Assertions.Expect(page.Locator("[data-testid=variables] tr[data-variable=year]")).ToContainTextAsync("2026");

        // Suspended with a reason, which the journal keeps.
        await page.FillAsync("[data-form=suspend] input[name=reason]", "等待自治区政府调整考核安排");
        await SubmitAsync(page, "suspend");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("实例已暂停");
        await Assertions.Expect(page.Locator("[data-testid=instance-status]")).ToHaveTextAsync("已暂停");
        await Assertions.Expect(page.Locator("[data-testid=journal] tbody tr").First).ToContainTextAsync("实例已暂停：等待自治区政府调整考核安排");
        Assert.Equal("Suspended", await StatusAsync(cycle.Instance));
        await Chromium.ScreenshotAsync(page, "ops-instance-page");

        await SubmitAsync(page, "resume");
        await Assertions.Expect(page.Locator("[data-testid=instance-status]")).ToHaveTextAsync("运行中");
        Assert.Equal("Running", await StatusAsync(cycle.Instance));

        await page.FillAsync("[data-form=cancel] input[name=reason]", "重复启动");
        await SubmitAsync(page, "cancel");
        await Assertions.Expect(page.Locator("[data-testid=instance-status]")).ToHaveTextAsync("已取消");
        Assert.Equal(0, await page.Locator("[data-form]").CountAsync());
        Assert.Equal("Cancelled", await StatusAsync(cycle.Instance));
        Assert.Equal(0, await page.Locator("[data-testid=pending-timers] tbody tr").CountAsync());

        // The page links the flow view, and the read and each action are on record.
        await page.ClickAsync("[data-testid=flow-link]");
        await page.WaitForSelectorAsync("[data-testid=instance-flow]");
        Assert.Contains(await server.AuditAsync(cycle.Operator, "instance.read"), e => e.TargetId == cycle.Instance.ToString() && e.Outcome == "success");
        Assert.Equal(3, (await server.AuditAsync(cycle.Operator, "POST /console/instances/{Id:guid}")).Count(e => e.Outcome == "success"));

        // A member does not reach the operators' instance page.
        var member = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        var own = await server.SignInAsync(_browser!, member);
        await own.GotoAsync(server.Url($"/console/instances/{cycle.Instance}"));
        await own.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(0, await own.Locator("[data-testid=instance-summary]").CountAsync());
        Assert.DoesNotContain("重复启动", await own.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
        await own.Context.CloseAsync();
    }

    private async Task<string> StatusAsync(Guid instance)
    {
        using var api = await server.ApiAsync(await server.AddAccountAsync("reader", "epb", [AccountRoles.Operator]));
        var body = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/instances/{instance}", UriKind.Relative)))!;
        return body["instance"]!["status"]!.GetValue<string>();
    }

    private static async Task<List<string>> JournalAsync(HttpClient api, Guid instance)
    {
        var body = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/instances/{instance}", UriKind.Relative)))!;
        return body["journal"]!.AsArray().Select(j => j!["message"]!.GetValue<string>()).ToList();
    }

    private static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string instanceStatus)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
            var body = JsonNode.Parse(text)!;
            Assert.Equal(instanceStatus, body["status"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
        }
    }

    private async Task SubmitAsync(IPage page, string action)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"[data-action={action}]"),
            r => r.Request.Method == "POST" && r.Url.Contains("/console/instances/", StringComparison.Ordinal));
        Assert.True(response.Status == 200, $"{action}: {response.Status} {await response.TextAsync()}\n{server.Tail}");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
