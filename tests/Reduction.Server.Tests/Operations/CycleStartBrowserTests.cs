using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Operations;

/// <summary>An operator starts the 2016 cycle on 11 April 2016, long after its first deadlines, in Chromium on the real
/// server (drill clock, PostgreSQL, Hangfire, smtp4dev): the page shows first, in numbers, what will go out at once;
/// the start needs the operator's tick; afterwards what was stored and mailed matches the figures shown, and the
/// escalation letters say they are sent late and keep their original instant. Screenshot: ops-cycle-start.png.</summary>
public sealed class CycleStartBrowserTests(OperationsServer server) : IClassFixture<OperationsServer>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);

        // A preview runs the start on a throw-away database: a few seconds on a busy machine.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    [Fact]
    public async Task LateStart_PreviewShowsWhatGoesOutAtOnce_StartNeedsTheTick_AndTheOutcomeMatchesTheFigures()
    {
        var operatorUser = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]);
        using (var api = await server.ApiAsync(operatorUser))
        using (var advanced = await api.PostAsJsonAsync("/api/clock/advance", new { to = "2016-04-11T10:00:00+08:00" }))
        {
            Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync());
        }

        JsonObject expected;
        using (var api = await server.ApiAsync(operatorUser))
        {
            expected = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/cycles/2016/start-preview", UriKind.Relative)))!;
            using var bad = await api.GetAsync(new Uri("/api/cycles/20x6/start-preview", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        Assert.True(expected["late"]!.GetValue<bool>());
        var overdue = expected["tasksOverdue"]!.GetValue<int>();
        var notices = expected["notices"]!.AsArray().Sum(n => n!["count"]!.GetValue<int>());
        Assert.True(overdue > 0 && notices > 0, expected.ToJsonString());

        var page = await server.SignInAsync(_browser!, operatorUser);
        await page.GotoAsync(server.Url("/console/cycles"));
        await page.FillAsync("[data-testid=preview-form] input[name=year]", "2016");
        await page.ClickAsync("[data-action=preview]");
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToHaveAttributeAsync("data-late", "true");
        await Assertions.Expect(page.Locator("[data-testid=late-warning]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-count=tasks-issued] td")).ToHaveTextAsync($"{expected["tasksIssued"]} 项");
        await Assertions.Expect(page.Locator("tr[data-count=tasks-overdue] td")).ToContainTextAsync($"{overdue} 项");
        await Assertions.Expect(page.Locator("tr[data-count=reminders-skipped] td")).ToContainTextAsync($"{expected["remindersSkipped"]} 条，跳过不发");
        await Assertions.Expect(page.Locator("tr[data-count=escalations-late] td")).ToContainTextAsync($"{expected["escalationsLate"]} 级次");
        await Assertions.Expect(page.Locator("tr[data-count=notices] td")).ToHaveTextAsync($"{notices} 封");
        await Assertions.Expect(page.Locator("[data-testid=preview-notices] tr[data-template=escalation] td").First).ToHaveTextAsync("督办函");
        await Chromium.ScreenshotAsync(page, "ops-cycle-start");

        // The tick is required: the browser keeps the form until it is given.
        await page.ClickAsync("[data-action=start]");
        Assert.Equal(0, await page.Locator("[data-testid=message]").CountAsync());
        await page.CheckAsync("[data-form=start] input[name=confirm]");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("[data-action=start]"),
            r => r.Request.Method == "POST" && r.Url.Contains("/console/cycles", StringComparison.Ordinal));
        Assert.True(response.Status == 200, $"{response.Status}\n{server.Tail}");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("2016 年度考核周期已启动");

        // What was stored and sent matches the figures the page showed.
        await Eventually.ReturnsAsync(async () =>
        {
            using var api = await server.ApiAsync(operatorUser);
            var tasks = (await api.GetFromJsonAsync<JsonArray>(new Uri("/api/tasks", UriKind.Relative)))!;
            return tasks.Count == expected["tasksIssued"]!.GetValue<int>() && tasks.Count(t => string.Equals(t!["status"]!.GetValue<string>(), "overdue", StringComparison.OrdinalIgnoreCase)) == overdue ? tasks : null;
        }, Patience, "the tasks the preview counted, overdue as it said");
        await server.Mail.WaitForAsync(_ => true, notices, "every notice the preview counted", Patience);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var all = await server.Mail.WaitForAsync(_ => true, notices, "no more than the preview counted", Patience);
        Assert.Equal(notices, all.Count);
        var late = all.Where(m => m.Template == "escalation").ToList();
        Assert.Equal(expected["notices"]!.AsArray().Single(n => n!["template"]!.GetValue<string>() == "escalation")!["count"]!.GetValue<int>(), late.Count);
        Assert.All(late, m => Assert.Contains("现予补发；督办时间仍以原定时间为准", m.Text, StringComparison.Ordinal));
        Assert.Contains(late, m => m.Text.Contains("应于北京时间2016年3月18日9时启动", StringComparison.Ordinal));
        Assert.DoesNotContain(all, m => m.Template == "reminder");

        // A second preview finds the year started, and the start is on record.
        await page.GotoAsync(server.Url("/console/cycles?year=2016"));
        await Assertions.Expect(page.Locator("[data-testid=already-started]")).ToContainTextAsync("2016 年度的考核周期已于");
        Assert.Contains(await server.AuditAsync(operatorUser, "POST /console/cycles"), e => e.Outcome == "success");
        await page.Context.CloseAsync();
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
