using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Console;

/// <summary>A system administrator on `/console/calendar` in Debian's Chromium at 1280 px, against the real server on
/// PostgreSQL: 2027 has no national arrangement (the shipped data ends in 2026) and says so; the administrator enters a
/// 2027 State Council arrangement and a 2027 藏历新年 for 拉萨市 with its adjusted day; the month view shows them by layer,
/// and deadline rules for 2027 count working days with them at once, through the API. Screenshot:
/// artifacts/test-results/screenshots/console-calendar.png.</summary>
public sealed class CalendarBrowserTests(CalendarServer server) : IClassFixture<CalendarServer>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task SystemAdmin_Enters2027NationalAndLhasaLosar_DeadlinesCountWithThemAtOnce()
    {
        var admin = await server.AddAccountAsync("system", "epb", [AccountRoles.SystemAdmin]);
        using var api = await server.ApiAsync(admin);
        using var before = await api.GetAsync(new Uri("/api/calendar/deadline?rule=workdays:%2B3&anchor=2027-03-05&party=lhasa", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);

        var page = await SignedInAsync(admin, "/console/calendar?year=2027&party=lhasa&month=3");
        Assert.Contains("2027 年的国务院节假日安排尚未录入", await page.InnerTextAsync("[data-testid=missing]"), StringComparison.Ordinal);

        // The State Council's arrangement, typed as date lists: 春节 6-12 February off, Sunday 14 February worked.
        await page.FillAsync("#national-form input[name=year]", "2027");
        await page.FillAsync("#national-form input[name=source]", "国办发明电〔2026〕7号");
        await page.FillAsync("#national-form textarea[name=holidays]", string.Join("\n", ["2027-01-01 元旦", .. Enumerable.Range(6, 7).Select(d => $"2027-02-{d:00} 春节")]));
        await page.FillAsync("#national-form textarea[name=workdays]", "2027-02-14 春节");
        await page.ClickAsync("#national-form button[type=submit]");
        Assert.Contains("已保存 2027 年国务院安排（第 1 版：放假 8 天，调休上班 1 天）", await page.InnerTextAsync("[data-testid=done]"), StringComparison.Ordinal);

        // 藏历新年 for 拉萨市: 8-10 March off, Saturday 13 March worked.
        await page.GotoAsync(server.Url("/console/calendar?year=2027&party=lhasa&month=3"));
        Assert.Equal("lhasa", await page.InputValueAsync("#local-form select[name=scope]"));
        await page.FillAsync("#local-form input[name=year]", "2027");
        await page.FillAsync("#local-form textarea[name=holidays]", "2027-03-08 藏历新年\n2027-03-09 藏历新年\n2027-03-10 藏历新年");
        await page.FillAsync("#local-form textarea[name=workdays]", "2027-03-13 藏历新年");
        await page.ClickAsync("#local-form button[type=submit]");
        Assert.Contains("已保存 2027 年拉萨市地市安排", await page.InnerTextAsync("[data-testid=done]"), StringComparison.Ordinal);

        // A typing error is refused in Chinese and changes nothing.
        await page.FillAsync("#local-form textarea[name=holidays]", "2027-3-8 藏历新年");
        await page.ClickAsync("#local-form button[type=submit]");
        Assert.Contains("放假日期第 1 行", await page.InnerTextAsync("[data-testid=errors]"), StringComparison.Ordinal);

        // A file of Tibet-wide 雪顿节 days is imported into the regional layer; a broken one is refused unstored.
        using var folder = new TempFolder();
        await page.SetInputFilesAsync("#import-form input[name=file]", folder.Write("regional-2027.json", "{\"source\": \"藏政办发\", \"years\": {\"2027\": {\"holidays\": {\"2027-08-16\": \"雪顿节\"}, \"workdays\": {}}}}"));
        await page.SelectOptionAsync("#import-form select[name=scope]", "regional");
        await page.ClickAsync("#import-form button[type=submit]");
        Assert.Contains("已导入 2027 年：1 个年度已保存", await page.InnerTextAsync("[data-testid=done]"), StringComparison.Ordinal);
        await page.SetInputFilesAsync("#import-form input[name=file]", folder.Write("broken.json", "{\"years\": {\"2027\": {\"holidays\": {\"2027-13-01\": \"x\"}}}}"));
        await page.ClickAsync("#import-form button[type=submit]");
        Assert.Contains("文件未导入", await page.InnerTextAsync("[data-testid=errors]"), StringComparison.Ordinal);

        // The month view of 拉萨市 in March 2027, by layer.
        await page.GotoAsync(server.Url("/console/calendar?year=2027&party=lhasa&month=3"));
        var losar = page.Locator("[data-testid=month] td[data-date='2027-03-09']");
        Assert.Equal(("false", "prefecture"), (await losar.GetAttributeAsync("data-working"), await losar.GetAttributeAsync("data-layer")));
        Assert.Contains("藏历新年", await losar.InnerTextAsync(), StringComparison.Ordinal);
        var adjusted = page.Locator("[data-testid=month] td[data-date='2027-03-13']");
        Assert.Equal("true", await adjusted.GetAttributeAsync("data-working"));
        Assert.Contains("调休上班", await adjusted.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("本月工作日 21 天", await page.InnerTextAsync("[data-testid=summary]"), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("[data-testid=history] tbody tr").CountAsync());
        await Chromium.ScreenshotAsync(page, "console-calendar");

        // The region-wide view of the same month has no 藏历新年.
        await page.GotoAsync(server.Url("/console/calendar?year=2027&month=3"));
        Assert.Equal("true", await page.Locator("[data-testid=month] td[data-date='2027-03-09']").GetAttributeAsync("data-working"));
        await page.GotoAsync(server.Url("/console/calendar?year=2027&month=2"));
        Assert.Equal("national", await page.Locator("[data-testid=month] td[data-date='2027-02-14']").GetAttributeAsync("data-layer"));
        await page.GotoAsync(server.Url("/console/calendar?year=2027&month=8"));
        Assert.Equal(("false", "regional"), (await page.Locator("[data-testid=month] td[data-date='2027-08-16']").GetAttributeAsync("data-working"), await page.Locator("[data-testid=month] td[data-date='2027-08-16']").GetAttributeAsync("data-layer")));
        await page.Context.CloseAsync();

        // Deadline rules resolved as the runtime does for a task of 2027: 拉萨市 counts 藏历新年, 阿里地区 does not;
        // everyone counts the State Council's 春节.
        var lhasa = (await api.GetFromJsonAsync<JsonObject>("/api/calendar/deadline?rule=workdays:%2B3&anchor=2027-03-05&party=拉萨市"))!;
        var ngari = (await api.GetFromJsonAsync<JsonObject>("/api/calendar/deadline?rule=workdays:%2B3&anchor=2027-03-05&party=ngari"))!;
        var spring = (await api.GetFromJsonAsync<JsonObject>("/api/calendar/deadline?rule=workdays:%2B3&anchor=2027-02-05&party=lhasa"))!;
        Assert.Equal("2027-03-13", lhasa["due"]!.GetValue<string>());
        Assert.Equal("2027-03-13T23:59:59+08:00", lhasa["dueAt"]!.GetValue<string>());
        Assert.Equal("2027-03-10", ngari["due"]!.GetValue<string>());
        Assert.Equal("2027-02-16", spring["due"]!.GetValue<string>());
        var year = (await api.GetFromJsonAsync<JsonObject>("/api/calendar/2027?party=lhasa"))!;
        Assert.True(year["hasNationalArrangement"]!.GetValue<bool>());
        Assert.Equal(
            [("regional", "import regional-2027.json"), ("prefecture", "console"), ("national", "console")],
            year["history"]!.AsArray().Select(h => (h!["layer"]!.GetValue<string>(), h["via"]!.GetValue<string>())));
        Assert.All(year["history"]!.AsArray(), h => Assert.Equal(admin, h!["changedBy"]!.GetValue<string>()));

        // Both saves are on record under the administrator.
        var saves = await server.AuditAsync(admin, "calendar.save");
        Assert.Equal(["national:2027", "prefecture:lhasa:2027"], saves.OrderBy(e => e.Sequence).Select(e => e.TargetId));
    }

    private async Task<IPage> SignedInAsync(string user, string path)
    {
        var page = await server.SignInAsync(_browser!, user);
        await page.GotoAsync(server.Url(path));
        return page;
    }
}
