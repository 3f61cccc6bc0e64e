using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Operations;

/// <summary>The sanctions page in Debian's Chromium: 阿里地区 fails its 2015 assessment (the shipped assessment-result
/// workflow with a `fail` verdict), its four measures are listed with their basis; an operator starts the lift from
/// the page, the stored lift instance carries the prefecture, year, reason and note, the page shows it running with a
/// link to its flow, a second start is refused in Chinese; after the EPB finds the problems fixed the measures read
/// lifted. Scoped: another prefecture's member sees none of them, the supervision all. Screenshots:
/// artifacts/test-results/screenshots/sanctions-*.png.</summary>
[Collection(NoticesCollection.Name)]
public sealed class SanctionsBrowserTests(NoticesServer server) : IAsyncLifetime
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
    public async Task Operator_StartsTheLiftOfAFailedPrefecturesSanction_FromThePage_CheckedAgainstTheStoredState()
    {
        var operatorUser = await server.AddAccountAsync("vetoop", "epb", [AccountRoles.Operator]);
        using (var api = await server.ApiAsync(operatorUser))
        using (var started = await api.PostAsJsonAsync("/api/workflows/assessment-result/instances", new
        {
            correlationKey = "test-veto:ngari:2016",
            variables = new { year = 2016, item = new { prefecture = "ngari", prefecture_name = "阿里地区", verdict = "fail", findings = Array.Empty<object>() } },
        }))
        {
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        }

        var recorded = await NoticesDrill.EventuallyAsync(async () => await SanctionsAsync("ngari") is { Count: 4 } all ? all : null, "four sanctions recorded for 阿里地区");
        Assert.All(recorded, s => Assert.Equal(2015, s.AssessedYear));

        var page = await server.SignInAsync(_browser!, operatorUser);
        await page.GotoAsync(server.Url("/console/sanctions?prefecture=ngari&year=2015"));
        var rows = page.Locator("[data-testid=sanctions] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        foreach (var sanction in recorded)
        {
            var row = page.Locator($"[data-testid=sanctions] tbody tr[data-sanction-id='{sanction.Id}']");
            await Assertions.Expect(row.Locator("[data-testid=basis]")).ToHaveTextAsync(sanction.Basis);
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "in-force");
        }

        Assert.Contains("考核办法", recorded[0].Basis, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "sanctions-in-force");

        var eia = recorded.Single(s => s.Kind == "eia-suspension");
        await page.ClickAsync($"[data-testid=sanctions] tbody tr[data-sanction-id='{eia.Id}'] [data-action=start-lift]");
        await Assertions.Expect(page.Locator("[data-testid=lift-panel]")).ToContainTextAsync("阿里地区");
        await page.FillAsync("[data-form=lift] input[name=reason]", "阿里地区申请解除，已报送整改报告");
        await page.FillAsync("[data-form=lift] textarea[name=note]", "现场核查：重点减排项目均已投运");
        await NoticesDrill.SubmitAsync(page, "lift", "/console/sanctions", server);
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已启动阿里地区2015年度否决措施的解除流程");

        // Stored: one lift instance for 阿里地区 and the 2016 cycle (the 2015 assessment), with the operator's words.
        var lift = Assert.Single(await LiftsAsync());
        Assert.Equal(InstanceStatus.Running, lift.Status);
        var variables = InstanceState.Parse(lift.StateJson).Variables;
        Assert.Equal(("ngari", 2016), (variables["prefecture"]!.GetValue<string>(), variables["year"]!.GetValue<int>()));
        Assert.Equal("现场核查：重点减排项目均已投运", variables["request"]!["note"]!.GetValue<string>());
        Assert.Equal("lift-sanctions:ngari:2015:1", lift.CorrelationKey);
        Assert.Single(await server.AuditAsync(operatorUser, "sanction.lift"), e => e.TargetId == eia.Id.ToString() && e.Outcome == "success");

        foreach (var sanction in recorded)
        {
            var row = page.Locator($"[data-testid=sanctions] tbody tr[data-sanction-id='{sanction.Id}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "lifting");
            await Assertions.Expect(row.Locator("[data-testid=lift-link]")).ToHaveAttributeAsync("href", $"/console/instances/{lift.Id}");
        }

        await Chromium.ScreenshotAsync(page, "sanctions-lifting");

        // A second start: refused in Chinese, nothing new stored.
        using (var api = await server.ApiAsync(operatorUser))
        using (var again = await api.PostAsJsonAsync($"/api/sanctions/{recorded[1].Id}/lift", new { reason = "再启动", note = "同上" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("正在办理中", (await again.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Single(await LiftsAsync());

        // Scope: another prefecture's member sees none of 阿里地区's measures and may not start a lift; the supervision
        // sees them all; 阿里地区's own member sees its own, without the operator's actions.
        await AssertRegistryAsync(await server.AddAccountAsync("lhasa", "lhasa", [AccountRoles.Member]), 0);
        await AssertRegistryAsync(await server.AddAccountAsync("jiancha", "supervision", [AccountRoles.Member]), 4);
        var ngariMember = await server.AddAccountAsync("ngari", "ngari", [AccountRoles.Member]);
        await AssertRegistryAsync(ngariMember, 4);
        using (var api = await server.ApiAsync(ngariMember))
        using (var refused = await api.PostAsJsonAsync($"/api/sanctions/{eia.Id}/lift", new { reason = "自行解除", note = "无" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var memberPage = await server.SignInAsync(_browser!, ngariMember);
        await memberPage.GotoAsync(server.Url("/console/sanctions"));
        await Assertions.Expect(memberPage.Locator("[data-testid=sanctions] tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(memberPage.Locator("[data-action=start-lift]")).ToHaveCountAsync(0);

        // The EPB's re-verification finds the problems fixed: the measures are lifted, and a new start is refused.
        var verification = await NoticesDrill.EventuallyAsync(async () =>
        {
            await using var db = server.Workflows.CreateContext();
            return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == lift.Id && t.Kind == "re-verification");
        }, "the re-verification task");
        using (var api = await server.ApiAsync(operatorUser))
        using (var completed = await api.PostAsJsonAsync($"/api/tasks/{verification.Id}/complete", new { data = new { decision = "fixed" } }))
        {
            Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        }

        await NoticesDrill.EventuallyAsync(async () => (await SanctionsAsync("ngari")).All(s => s.EndsOn is not null) ? "lifted" : null, "the measures lifted");
        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.Locator("[data-testid=sanctions] tbody tr[data-state=lifted]")).ToHaveCountAsync(4);
        await Chromium.ScreenshotAsync(page, "sanctions-lifted");
        using (var api = await server.ApiAsync(operatorUser))
        using (var lifted = await api.PostAsJsonAsync($"/api/sanctions/{eia.Id}/lift", new { reason = "再启动", note = "同上" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, lifted.StatusCode);
            Assert.Contains("已于", (await lifted.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lift_BadRequests_AnswerInChinese_UnknownSanction404()
    {
        var operatorUser = await server.AddAccountAsync("vetoop", "epb", [AccountRoles.Operator]);
        using var api = await server.ApiAsync(operatorUser);
        using (var missing = await api.PostAsJsonAsync($"/api/sanctions/{Guid.NewGuid()}/lift", new { reason = "原因", note = "意见" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var noReason = await api.PostAsJsonAsync($"/api/sanctions/{Guid.NewGuid()}/lift", new { note = "意见" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Equal("请填写启动解除的原因", (await noReason.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        }

        using var badFilter = await api.GetAsync(new Uri("/api/sanctions/registry?state=forever&prefecture=" + new string('x', 5000), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        var message = (await badFilter.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
        Assert.Contains("未知的状态", message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", message, StringComparison.Ordinal);
    }

    private async Task AssertRegistryAsync(string user, int count)
    {
        var registry = await NoticesDrill.GetAsync(server, user, "/api/sanctions/registry?prefecture=ngari&year=2015");
        Assert.Equal(count, registry["total"]!.GetValue<int>());
        Assert.All(registry["sanctions"]!.AsArray(), s => Assert.Equal("ngari", s!["prefectureId"]!.GetValue<string>()));
    }

    private async Task<List<SanctionRecord>> SanctionsAsync(string prefecture)
    {
        await using var db = server.Workflows.CreateContext();
        return (await db.Sanctions.AsNoTracking().Where(s => s.PrefectureId == prefecture).ToListAsync()).OrderBy(s => s.Kind, StringComparer.Ordinal).ToList();
    }

    private async Task<List<InstanceRecord>> LiftsAsync()
    {
        await using var db = server.Workflows.CreateContext();
        return await db.Instances.AsNoTracking().Where(i => i.DefinitionId == "lift-sanctions").ToListAsync();
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
