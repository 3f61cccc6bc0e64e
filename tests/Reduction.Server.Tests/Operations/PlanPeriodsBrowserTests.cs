using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Designer;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Operations;

/// <summary>A system administrator adds the 15th five-year plan period in the console (参考数据), in Debian's Chromium;
/// confirms the values it carries over, and
/// the 2027 cycle, refused before, then starts. Screenshot: artifacts/test-results/screenshots/ops-plan-periods.png.</summary>
public sealed class PlanPeriodsBrowserTests(DesignerServer server) : IClassFixture<DesignerServer>, IAsyncLifetime
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
    public async Task SystemAdmin_Adds15thPeriodInTheConsole_Cycle2027StartsRefusedFilesChangeNothing()
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        var operatorUser = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]);
        using var api = await server.ApiAsync(operatorUser);
        using (var refused = await api.PostAsync(new Uri("/api/cycles/2027/start", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // The 15th period as published: the 14th's structure for 2026-2030, its carried-over values still to confirm.
        var periods = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/plan-periods", UriKind.Relative)))!;
        var fifteenth = periods["planPeriods"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "14th-five-year-plan")!.DeepClone().AsObject();
        fifteenth["id"] = "15th-five-year-plan";
        fifteenth["name"] = "“十五五”";
        (fifteenth["firstYear"], fifteenth["lastYear"], fifteenth["baseYear"]) = (2026, 2030, 2025);
        using var folder = new TempFolder();
        var good = folder.Write("15th.json", new JsonObject { ["planPeriods"] = new JsonArray(fifteenth) }.ToJsonString());
        var overlapping = fifteenth.DeepClone().AsObject();
        (overlapping["id"], overlapping["firstYear"]) = ("15th-wrong", 2025);
        var bad = folder.Write("overlap.json", new JsonObject { ["planPeriods"] = new JsonArray(fifteenth.DeepClone(), overlapping) }.ToJsonString());
        var broken = folder.Write("broken.json", "{\"planPeriods\": [");

        var page = await server.SignInAsync(_browser!, admin);
        await page.GotoAsync(server.Url("/console/reference-data"));
        await Assertions.Expect(page.Locator("[data-testid=plan-periods] tbody tr")).ToHaveCountAsync(3);
        // Values carried over from the 12th period read in Chinese, with their codes below.
        var carried = page.Locator("[data-testid=plan-periods] tr[data-period='13th-five-year-plan'] [data-column=unconfirmed]");
        await Assertions.Expect(carried).ToContainTextAsync("目标类型");
        await Assertions.Expect(carried).ToContainTextAsync("自动监控数据传输有效率门槛值");
        await Assertions.Expect(carried).ToContainTextAsync("化学需氧量的排放源构成");
        await Assertions.Expect(carried).ToContainTextAsync("thresholds.transmissionEffectiveRate");

        foreach (var (file, says) in new[] { (broken, "文件未导入"), (bad, "文件未导入") })
        {
            await page.SetInputFilesAsync("#import-plan-periods input[name=file]", file);
            await page.ClickAsync("[data-action=import]");
            await Assertions.Expect(page.Locator("[data-testid=errors]")).ToContainTextAsync(says);
            await Assertions.Expect(page.Locator("[data-testid=plan-periods] tbody tr")).ToHaveCountAsync(3);
        }

        await page.SetInputFilesAsync("#import-plan-periods input[name=file]", good);
        await page.ClickAsync("[data-action=import]");
        await Assertions.Expect(page.Locator("[data-testid=done]")).ToHaveTextAsync("已导入：新增 15th-five-year-plan；更新 无；未变 无。");
        await Assertions.Expect(page.Locator("[data-testid=plan-periods] tr[data-period='15th-five-year-plan']")).ToContainTextAsync("2026–2030");
        await Chromium.ScreenshotAsync(page, "ops-plan-periods");

        // Confirming the carried-over values: all but the last, then the last; the values stay, the marks go.
        var toConfirm = fifteenth["carriedOver"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.True(toConfirm.Count >= 2);
        var row = page.Locator("[data-testid=plan-periods] tr[data-period='15th-five-year-plan']");
        await row.Locator($"[data-testid=confirm] input[value='{toConfirm[^1]}']").UncheckAsync();
        await row.Locator("[data-action=confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=done]")).ToHaveTextAsync($"已确认 {toConfirm.Count - 1} 项沿用值。");
        Assert.Equal([toConfirm[^1]], (await StoredAsync(api))["carriedOver"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        await row.Locator("[data-action=confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=done]")).ToHaveTextAsync("已确认 1 项沿用值。");
        await Assertions.Expect(row.Locator("[data-column=unconfirmed]")).ToHaveTextAsync("无");
        // Each save is a version with who and how: imported (1), then confirmed twice (2, 3).
        await Assertions.Expect(row.Locator("[data-column=version]")).ToContainTextAsync("第 3 版");
        await Assertions.Expect(row.Locator("[data-column=version]")).ToContainTextAsync(admin);
        await Assertions.Expect(row.Locator("[data-column=version]")).ToContainTextAsync("确认沿用值");
        await Assertions.Expect(page.Locator("[data-testid=plan-periods] tr[data-period='12th-five-year-plan'] [data-column=version]")).ToContainTextAsync("随附数据");
        var confirmed = await StoredAsync(api);
        Assert.Null(confirmed["carriedOver"]);
        fifteenth.Remove("carriedOver");
        Assert.True(JsonNode.DeepEquals(fifteenth, confirmed), confirmed.ToJsonString());
        // Every post is audited: the two refused files, the import and the two confirmations.
        Assert.Equal(5, (await server.AuditAsync(admin, "POST /console/reference-data")).Count(e => e.Outcome == "success"));
        await page.Context.CloseAsync();

        using var started = await api.PostAsync(new Uri("/api/cycles/2027/start", UriKind.Relative), null);
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        Assert.Equal("annual-cycle:2027", (await started.Content.ReadFromJsonAsync<JsonObject>())!["correlationKey"]!.GetValue<string>());
    }

    private static async Task<JsonObject> StoredAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/plan-periods", UriKind.Relative)))!["planPeriods"]!.AsArray()
            .Single(p => p!["id"]!.GetValue<string>() == "15th-five-year-plan")!.AsObject();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
