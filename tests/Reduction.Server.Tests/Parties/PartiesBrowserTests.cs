using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Operations;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Parties;

/// <summary>A system administrator renames 阿里地区 to 阿里市 from 1 March 2016 and changes its address in the console,
/// in Debian's Chromium, on the drill clock of the 2016 plans: the notices rendered afterwards reach the new address
/// (smtp4dev), and the task page names the prefecture as it was named on the day it is read. Screenshots:
/// artifacts/test-results/screenshots/parties-*.png.</summary>
public sealed class PartiesBrowserTests(OperationsServer server) : IClassFixture<OperationsServer>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _operator;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [Fact]
    public async Task SystemAdmin_RenamesAPrefectureFromADateAndChangesItsAddress_NoticesGoThereTaskPageNamesItByDate()
    {
        _operator = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]);
        var admin = await server.AddAccountAsync("sysadmin", "epb", [AccountRoles.SystemAdmin]);
        using (var api = await server.ApiAsync(_operator))
        using (var started = await api.PostAsJsonAsync("/api/workflows/annual-cycle/instances", new { variables = new { year = 2016 } }))
        {
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        }

        await AdvanceAsync("2016-02-16T09:00:05+08:00");
        await server.Mail.WaitForAsync("ngari", "task-issued", 1, "阿里地区's plan issued to its old address", Patience);
        var plan = await Eventually.ReturnsAsync(async () =>
        {
            using var api = await server.ApiAsync(_operator);
            return (await api.GetFromJsonAsync<JsonArray>(new Uri("/api/tasks?party=ngari", UriKind.Relative)))!
                .FirstOrDefault(t => t!["kind"]!.GetValue<string>() == "annual-plan")?["id"]?.GetValue<string>();
        }, Patience, "阿里地区's plan task");

        // The system administrator: a new name from 1 March, then the new address.
        var page = await server.SignInAsync(_browser!, admin);
        await page.GotoAsync(server.Url("/console/reference-data/parties"));
        await Assertions.Expect(page.Locator("[data-testid=parties] tr[data-party=ngari]")).ToContainTextAsync("阿里地区");
        await page.ClickAsync("[data-testid=parties] tr[data-party=ngari] a");
        await page.FillAsync("#rename-form input[name=name]", "阿里市");
        await page.FillAsync("#rename-form input[name=issuingBody]", "阿里市人民政府");
        await page.FillAsync("#rename-form input[name=validFrom]", "1965-01-01");
        await page.FillAsync("#rename-form input[name=reason]", "撤地设市");
        await SubmitAsync(page, "#rename-form");
        await Assertions.Expect(page.Locator("[data-testid=errors]")).ToContainTextAsync("须晚于现有名称“阿里地区”的生效日期 1970-01-01");
        await page.FillAsync("#rename-form input[name=name]", "阿里市");
        await page.FillAsync("#rename-form input[name=issuingBody]", "阿里市人民政府");
        await page.FillAsync("#rename-form input[name=validFrom]", "2016-03-01");
        await page.FillAsync("#rename-form input[name=basis]", "国函〔2016〕（演练）");
        await page.FillAsync("#rename-form input[name=reason]", "撤地设市");
        await SubmitAsync(page, "#rename-form");
        await Assertions.Expect(page.Locator("[data-testid=done]")).ToContainTextAsync("已为 ngari 添加名称“阿里市”（2016-03-01 起）");
        await Assertions.Expect(page.Locator("[data-testid=names] tbody tr")).ToHaveCountAsync(2);

        var address = $"ngari-new@{server.Domain}";
        await page.FillAsync("#contacts-form input[name=email0]", "ngari-new@");
        await page.FillAsync("#contacts-form input[name=reason]", "减排办换邮箱");
        await SubmitAsync(page, "#contacts-form");
        await Assertions.Expect(page.Locator("[data-testid=errors]")).ToContainTextAsync("邮箱“ngari-new@”格式不正确");
        await page.FillAsync("#contacts-form input[name=email0]", address);
        await page.FillAsync("#contacts-form input[name=reason]", "减排办换邮箱");
        await SubmitAsync(page, "#contacts-form");
        await Assertions.Expect(page.Locator("[data-testid=done]")).ToContainTextAsync("已保存 ngari 的 1 个邮箱");
        await Assertions.Expect(page.Locator("[data-testid=parties] tr[data-party=ngari] [data-column=emails]")).ToHaveTextAsync(address);
        await Assertions.Expect(page.Locator("[data-testid=history] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=history] tbody tr").First).ToContainTextAsync("减排办换邮箱");
        await Chromium.ScreenshotAsync(page, "parties-ngari");
        await page.Context.CloseAsync();

        using (var api = await server.ApiAsync(admin))
        {
            var stored = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/parties/ngari", UriKind.Relative)))!;
            Assert.Equal([address], stored["contacts"]!.AsArray().Select(c => c!["email"]!.GetValue<string>()));
            Assert.Equal(["contacts", "rename", "seed"], stored["history"]!.AsArray().Select(v => v!["change"]!.GetValue<string>()));
        }

        Assert.Contains(await server.AuditAsync(admin, "party.rename"), e => e.Outcome == "success" && e.TargetId == "ngari");
        Assert.Contains(await server.AuditAsync(admin, "party.contacts"), e => e.Outcome == "success" && e.TargetId == "ngari");

        // 16 February, before the new name: the task page says 阿里地区; an urge rendered now goes to the new address.
        var operatorPage = await server.SignInAsync(_browser!, _operator);
        await operatorPage.GotoAsync(server.Url($"/console/tasks/{plan}"));
        await Assertions.Expect(operatorPage.Locator("[data-testid=assignee]")).ToContainTextAsync("阿里地区");
        await Assertions.Expect(operatorPage.Locator("[data-form=reassign] select[name=party]")).ToContainTextAsync(address);
        await operatorPage.FillAsync("[data-form=urge] input[name=reason]", "请于三日内报送");
        await operatorPage.ClickAsync("[data-action=urge]");
        await Assertions.Expect(operatorPage.Locator("[data-testid=message]")).ToHaveTextAsync("已催办，催办函已发出");
        var urged = Assert.Single(await server.Mail.WaitForAsync(m => m.Template == "urge" && m.IsTo(address), 1, "the urge at the new address", Patience));
        Assert.Contains("阿里地区行署", urged.Text, StringComparison.Ordinal);

        await operatorPage.Context.CloseAsync();

        // 1 March, the first reminder: to the new address, naming 阿里市; the task page now says 阿里市 (a new sign-in:
        // the drill clock's fortnight outlasts the console session).
        await AdvanceAsync("2016-03-01T09:00:05+08:00");
        var reminded = Assert.Single(await server.Mail.WaitForAsync(m => m.Template == "reminder" && m.IsTo(address), 1, "the reminder at the new address", Patience));
        Assert.Contains("阿里市人民政府", reminded.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Mail.All, m => m.IsTo(server.Mail.Address("ngari")) && m.Template is "urge" or "reminder");
        operatorPage = await server.SignInAsync(_browser!, _operator);
        await operatorPage.GotoAsync(server.Url($"/console/tasks/{plan}"));
        await Assertions.Expect(operatorPage.Locator("[data-testid=assignee]")).ToContainTextAsync("阿里市");
        await Chromium.ScreenshotAsync(operatorPage, "parties-task-after-rename");
        await operatorPage.Context.CloseAsync();
    }

    private async Task AdvanceAsync(string to)
    {
        using var api = await server.ApiAsync(_operator!);
        using var advanced = await api.PostAsJsonAsync("/api/clock/advance", new { to });
        Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync());
    }

    /// <summary>Submits a form and checks the server's answer (a full request, no script); the page that follows is
    /// awaited by the next expectation.</summary>
    private async Task SubmitAsync(IPage page, string form)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"{form} button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.Contains("/console/reference-data/parties", StringComparison.Ordinal));
        Assert.True(response.Status == 200, $"{form}: {response.Status}\n{server.Tail}");
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
