using System.Net.Http.Headers;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Testing;

namespace Reduction.Server.Tests.Console;

/// <summary>The ledger, targets and key projects pages in Debian's Chromium against the real server: an operator
/// imports a workbook with bad cells and reads every refused cell in the table, imports it fixed and follows a figure
/// to its history; enters a target and a key project in the forms; a prefecture member sees only its own lines and no
/// EPB form. Each test writes a year of its own. Screenshots go to artifacts/test-results/screenshots/ledger-*.png.</summary>
public sealed class LedgerBrowserTests(ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private static readonly object?[] Header = ["地市", "年度", "污染物", "排放源", "企业名称", "排放量（吨）"];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-pages-").FullName;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task Ledger_OperatorImportsBadCells_EveryCellListedNothingStored_FixedStored_FigureOpensItsHistory()
    {
        var user = await server.AddAccountAsync("ledger-op", "epb", [AccountRoles.Operator]);
        var page = await server.SignInAsync(_browser!, user);
        await page.GotoAsync(server.Url("/console/ledger?year=2014"));
        await Assertions.Expect(page.Locator("[data-testid=no-ledger]")).ToBeVisibleAsync();

        await UploadAsync(page, "ledger", Workbook(2014, ["拉萨市", "COD", "工业源", null, 1520.5], ["拉萨市", "COD", "城镇生活源", null, "0.3万吨"], ["那曲地区", "SO2", "农业源", null, 3]));

        var errors = page.Locator("[data-testid=import-errors] tbody tr");
        Assert.Equal(["F3", "D4"], await errors.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.cell)"));
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("0.3万吨");
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("3000 吨");
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("农业源");
        await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("未导入任何数据");
        await Assertions.Expect(page.Locator("[data-testid=no-ledger]")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "ledger-import-errors");

        await UploadAsync(page, "ledger", Workbook(2014, ["拉萨市", "COD", "工业源", null, 1520.5], ["拉萨市", "COD", "城镇生活源", null, 3000], ["那曲地区", "SO2", "工业源", null, 3], ["拉萨市", "COD", "工业源", "拉萨某水泥厂", 12.25]));

        await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("4");
        var lhasa = page.Locator("[data-testid=ledger] tr[data-prefecture=lhasa][data-pollutant=COD]");
        await Assertions.Expect(lhasa.Locator("td[data-sector=industrial]")).ToHaveTextAsync("1,520.5");
        await Assertions.Expect(lhasa.Locator("td[data-column=total]")).ToHaveTextAsync("4,520.5");
        await Assertions.Expect(page.Locator("[data-testid=ledger] tr[data-prefecture=nagqu][data-pollutant=SO2]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=enterprises] tr[data-enterprise=拉萨某水泥厂]")).ToContainTextAsync("12.25");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 1280"), "the ledger fits 1280 px");
        await Chromium.ScreenshotAsync(page, "ledger-operator");

        await lhasa.Locator("td[data-sector=industrial] a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/console/ledger/history", StringComparison.Ordinal));
        var versions = page.Locator("[data-testid=history] tbody tr");
        await Assertions.Expect(versions).ToHaveCountAsync(1);
        await Assertions.Expect(versions.First).ToContainTextAsync("1,520.5 吨");
        await Assertions.Expect(versions.First).ToContainTextAsync("Excel 导入");
        await Assertions.Expect(versions.First).ToContainTextAsync(user);

        var audit = await server.AuditAsync(user);
        Assert.Contains(audit, e => e.Action == "ledger.read" && e.Detail == "prefecture=* year=2014 rows=4");
        Assert.Contains(audit, e => e.Action == "ledger.history");
    }

    [Fact]
    public async Task Ledger_TemplateAndExportDownloadWithTheConsoleCookie_ExportHoldsThePagesRows()
    {
        var user = await server.AddAccountAsync("ledger-dl", "epb", [AccountRoles.Operator]);
        await ImportAsync(user, "ledger", Workbook(2015, ["昌都市", "NOx", "机动车", null, 88.5]));
        var page = await server.SignInAsync(_browser!, user);
        await page.GotoAsync(server.Url("/console/ledger?year=2015"));

        var template = await DownloadAsync(page, "[data-testid=workbook-ledger] [data-action=template]");
        var export = await DownloadAsync(page, "[data-testid=workbook-ledger] [data-action=export-ledger]");

        Assert.Contains("2015", template.Name, StringComparison.Ordinal);
        Assert.NotEmpty(TestWorkbook.Read(template.Bytes));
        var rows = TestWorkbook.Read(export.Bytes);
        Assert.Equal(2, rows.Count);
        Assert.Equal("地市", rows[0].Values.First()?.ToString());
        Assert.Equal(["昌都市", "2015", "NOx", "机动车"], rows[1].Values.Take(4).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray());
        Assert.Contains(await server.AuditAsync(user), e => e.Action == "export.ledger" && e.Detail == "prefecture=* year=2015 rows=1");
    }

    [Fact]
    public async Task Targets_OperatorEntersOne_ConsoleSourceWithReason_BadValueRefusedInChinese_KeyProjectEntered()
    {
        var user = await server.AddAccountAsync("ledger-tg", "epb", [AccountRoles.Operator]);
        var page = await server.SignInAsync(_browser!, user);
        await page.GotoAsync(server.Url("/console/targets?year=2016"));
        await Assertions.Expect(page.Locator("[data-testid=no-targets]")).ToBeVisibleAsync();

        var form = page.Locator("[data-form=target]");
        await form.Locator("select[name=prefecture]").SelectOptionAsync("shannan");
        await form.Locator("select[name=pollutant]").SelectOptionAsync("COD");
        await form.Locator("select[name=kind]").SelectOptionAsync("capTonnes");
        await form.Locator("input[name=value]").FillAsync("一千");
        await form.Locator("[data-action=save-target]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("目标值");
        await Assertions.Expect(page.Locator("[data-testid=no-targets]")).ToBeVisibleAsync();

        form = page.Locator("[data-form=target]");
        await form.Locator("select[name=prefecture]").SelectOptionAsync("shannan");
        await form.Locator("select[name=pollutant]").SelectOptionAsync("COD");
        await form.Locator("select[name=kind]").SelectOptionAsync("capTonnes");
        await form.Locator("input[name=value]").FillAsync("２,３００.５");
        await form.Locator("input[name=reason]").FillAsync("2016年目标责任书");
        await form.Locator("[data-action=save-target]").ClickAsync();
        var row = page.Locator("[data-testid=targets] tr[data-prefecture=shannan][data-pollutant=COD]");
        await Assertions.Expect(row.Locator("td[data-column=value]")).ToHaveTextAsync("2,300.5 吨");
        await Assertions.Expect(row).ToContainTextAsync("控制台录入");
        await Assertions.Expect(row).ToContainTextAsync("2016年目标责任书");
        await Chromium.ScreenshotAsync(page, "ledger-targets");

        await page.GotoAsync(server.Url("/console/key-projects?prefecture=shannan"));
        var project = page.Locator("[data-form=project]");
        await project.Locator("select[name=prefecture]").SelectOptionAsync("shannan");
        await project.Locator("input[name=name]").FillAsync("泽当镇污水处理厂提标改造");
        await project.Locator("input[name=due]").FillAsync("2016-10-31");
        await project.Locator("input[name=reason]").FillAsync("2016年目标责任书附件");
        await project.Locator("[data-action=save-project]").ClickAsync();
        var projects = page.Locator("[data-testid=key-projects] tr[data-prefecture=shannan]");
        await Assertions.Expect(projects.Filter(new LocatorFilterOptions { HasText = "泽当镇污水处理厂提标改造" })).ToContainTextAsync("已到期");
        await Chromium.ScreenshotAsync(page, "ledger-key-projects");

        var audit = await server.AuditAsync(user);
        Assert.Contains(audit, e => e.Action == "targets.read");
        Assert.Contains(audit, e => e.Action == "key-projects.read");
    }

    [Fact]
    public async Task Ledger_PrefectureMember_OnlyItsOwnLines_AnotherPrefectureAskedForShowsNothing_NoEpbForms()
    {
        var operatorUser = await server.AddAccountAsync("ledger-seed", "epb", [AccountRoles.Operator]);
        await ImportAsync(operatorUser, "ledger", Workbook(2017, ["拉萨市", "SO2", "工业源", null, 40], ["拉萨市", "SO2", "工业源", "拉萨某电厂", 4], ["林芝市", "SO2", "工业源", null, 9]));
        await ImportAsync(operatorUser, "targets", new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值").Row("拉萨市", 2017, "SO2", "排放总量上限", 50).Row("林芝市", 2017, "SO2", "排放总量上限", 10).ToBytes());
        var member = await server.AddAccountAsync("ledger-lhasa", "lhasa", [AccountRoles.Member]);
        var page = await server.SignInAsync(_browser!, member);

        await page.GotoAsync(server.Url("/console/ledger?year=2017"));
        var prefectures = await page.Locator("[data-testid=ledger] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.prefecture)");
        Assert.Equal(["lhasa"], prefectures);
        await Assertions.Expect(page.Locator("[data-testid=enterprises] tr[data-enterprise=拉萨某电厂]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=ledger-filters] select[name=prefecture]")).ToHaveCountAsync(0);
        await Chromium.ScreenshotAsync(page, "ledger-prefecture-member");

        await page.GotoAsync(server.Url("/console/ledger?year=2017&prefecture=nyingchi"));
        await Assertions.Expect(page.Locator("[data-testid=ledger] tbody tr[data-prefecture=nyingchi]")).ToHaveCountAsync(0);

        await page.GotoAsync(server.Url("/console/targets?year=2017"));
        var targets = await page.Locator("[data-testid=targets] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.prefecture)");
        Assert.Equal(["lhasa"], targets);
        await Assertions.Expect(page.Locator("[data-form=target]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=import-refusal]")).ToBeVisibleAsync();

        var audit = await server.AuditAsync(member);
        Assert.Contains(audit, e => e.Action == "ledger.read" && e.Detail == "prefecture=lhasa year=2017 rows=2");
    }

    private static byte[] Workbook(int year, params object?[][] rows) =>
        new TestWorkbook().Row(Header).Rows(rows.Select(r => (object?[])[r[0], year, .. r[1..]])).ToBytes();

    private async Task UploadAsync(IPage page, string kind, byte[] workbook)
    {
        var path = Path.Combine(_folder, $"{kind}-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, workbook);
        var panel = page.Locator($"[data-testid=workbook-{kind}]");
        await panel.Locator("input[type=file]").SetInputFilesAsync(path);
        await panel.Locator("[data-action=import]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToBeVisibleAsync();
    }

    private async Task ImportAsync(string user, string kind, byte[] workbook)
    {
        using var client = await server.ApiAsync(user);
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var content = new MultipartFormDataContent { { new StringContent(kind), "kind" }, { file, "file", "导入.xlsx" } };
        using var response = await client.PostAsync(new Uri("/api/imports", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
