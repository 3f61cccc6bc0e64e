using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Playwright;
using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;
using Reduction.Server.Dashboards;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Console;

/// <summary>
/// The dashboards in Debian's Chromium against the real server, for assessed year 2015: the ledger and the targets
/// imported through the API, the year's results those of `reduction assess` (the real program) on seven cases, two of
/// which fail (日喀则市 on NOx, 昌都市 on the transmission rate), stored as the 2016 cycle's results as the engine stores
/// them. An operator sees every prefecture, the map coloured as the program decided, the targets marked, and downloads
/// PNG and SVG; nothing is fetched from another origin. A prefecture member sees only its own series and cannot open
/// another's. Screenshots go to artifacts/test-results/screenshots/dashboard-*.png.
/// </summary>
public sealed class DashboardBrowserTests(DashboardBrowserTests.Server server) : IClassFixture<DashboardBrowserTests.Server>, IAsyncLifetime
{
    private const int Year = 2015;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        await server.SeedAsync();
    }

    [Fact]
    public async Task Region_Operator_MapColouredAsReductionAssess_TargetsMarked_PngAndSvgDownload_NothingFromTheNetwork()
    {
        var user = await server.AddAccountAsync("dash-op", "epb", [AccountRoles.Operator]);
        var page = await server.SignInAsync(_browser!, user);
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };
        await page.GotoAsync(server.Url($"/console/dashboard?year={Year}&pollutant=COD"));

        var map = page.Locator("[data-testid=chart-map] svg");
        var shown = await map.Locator("path[data-prefecture]").EvaluateAllAsync<string[][]>("paths => paths.map(p => [p.dataset.prefecture, p.dataset.verdict, p.getAttribute('fill')])");
        var expected = server.Verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new[] { v.Key, v.Value, VerdictMap.Colour(v.Value) }).ToArray();
        Assert.Equal(expected, shown.OrderBy(s => s[0], StringComparer.Ordinal).ToArray());
        Assert.Equal(2, server.Verdicts.Count(v => v.Value == "fail"));

        var bars = page.Locator("[data-testid=chart-emissions] svg");
        Assert.Equal(["1000", "900", "false"], await Bar(bars, "lhasa"));
        Assert.Equal(["990", "1005", "true"], await Bar(bars, "shigatse"));
        await Assertions.Expect(bars.Locator("g[data-key=shigatse] line[data-part=target]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=chart-trend] svg g[data-series]")).ToHaveCountAsync(7);
        var lhasaTrend = await page.Locator("[data-testid=chart-trend] svg g[data-series=lhasa] circle").EvaluateAllAsync<string[]>("c => c.map(x => x.dataset.year + '=' + x.dataset.value)");
        Assert.Equal(["2014=950", "2015=900"], lhasaTrend);
        var transmission = page.Locator("[data-testid=chart-transmission-effective-rate] svg");
        Assert.Equal(["75", "70", "true"], await Bar(transmission, "chamdo"));
        Assert.Equal(["75", "98", "false"], await Bar(transmission, "lhasa"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 1280"), "the dashboard fits 1280 px");
        await Chromium.ScreenshotAsync(page, "dashboard-region");

        var png = await DownloadAsync(page, "[data-testid=chart-map] [data-action=png]");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Bytes[..4]);
        Assert.EndsWith(".png", png.Name, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(Path.Combine(Reduction.Server.Tests.Answers.AnswerFixture.RepositoryRoot(), "artifacts", "test-results", "screenshots", "dashboard-map-download.png"), png.Bytes);
        var svg = await DownloadAsync(page, "[data-testid=chart-map] [data-action=svg]");
        var verdicts = XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg.Bytes)).Descendants(SvgChart.Svg + "path")
            .Where(p => p.Attribute("data-prefecture") is not null)
            .ToDictionary(p => (string)p.Attribute("data-prefecture")!, p => (string)p.Attribute("data-verdict")!);
        Assert.Equal(server.Verdicts.OrderBy(v => v.Key, StringComparer.Ordinal), verdicts.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Empty(foreign);

        var audit = await server.AuditAsync(user, "dashboard.read");
        Assert.Contains(audit, e => e.Detail == $"chart=page prefecture=* year={Year} pollutant=COD");
        Assert.Contains(audit, e => e.Detail == $"chart=map.png prefecture=* year={Year}");
    }

    [Fact]
    public async Task Region_PrefectureMember_OnlyItsOwnSeries_AnotherPrefectureRefused_OwnPageWithProjects()
    {
        var member = await server.AddAccountAsync("dash-lhasa", "lhasa", [AccountRoles.Member]);
        var page = await server.SignInAsync(_browser!, member);
        await page.GotoAsync(server.Url($"/console/dashboard?year={Year}"));

        Assert.Equal(["lhasa"], await page.Locator("[data-testid=chart-map] svg path[data-prefecture]").EvaluateAllAsync<string[]>("p => p.map(x => x.dataset.prefecture)"));
        Assert.Equal(["lhasa"], await page.Locator("[data-testid=chart-emissions] svg g[data-key]").EvaluateAllAsync<string[]>("g => g.map(x => x.dataset.key)"));
        Assert.Equal(["lhasa"], await page.Locator("[data-testid=chart-trend] svg g[data-series]").EvaluateAllAsync<string[]>("g => g.map(x => x.dataset.series)"));
        Assert.Equal(["lhasa"], await page.Locator("[data-testid=chart-transmission-effective-rate] svg g[data-key]").EvaluateAllAsync<string[]>("g => g.map(x => x.dataset.key)"));
        Assert.DoesNotContain("不合格", await page.Locator("[data-testid=chart-map] svg [data-part=map]").TextContentAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "dashboard-prefecture-member");

        var other = await page.APIRequest.GetAsync(server.Url($"/console/dashboard/charts/pollutant-COD.svg?year={Year}&prefecture=shigatse"));
        Assert.Equal((int)HttpStatusCode.NotFound, other.Status);
        Assert.DoesNotContain("1005", await other.TextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(server.Url($"/console/dashboard/shigatse?year={Year}"));
        await Assertions.Expect(page.Locator("[data-testid=no-dashboard]")).ToBeVisibleAsync();

        await page.GotoAsync(server.Url($"/console/dashboard/lhasa?year={Year}"));
        await Assertions.Expect(page.Locator("[data-testid=verdict]")).ToHaveAttributeAsync("data-verdict", "pass");
        var cod = page.Locator("[data-testid=chart-pollutant-COD] svg");
        Assert.Equal(["1000", "900", "false"], await Bar(cod, "2015"));
        await Assertions.Expect(page.Locator("[data-testid=projects] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=projects]")).ToContainTextAsync("拉萨市污水处理厂二期");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 1280"), "the prefecture's dashboard fits 1280 px");
        await Chromium.ScreenshotAsync(page, "dashboard-prefecture");

        var audit = await server.AuditAsync(member, "dashboard.read");
        Assert.Contains(audit, e => e.Detail == $"chart=page prefecture=refused year={Year}");
    }

    private static Task<string[]> Bar(ILocator chart, string key) =>
        chart.Locator($"g[data-key='{key}']").EvaluateAsync<string[]>("g => [g.dataset.target, g.dataset.value, g.dataset.behind]");

    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(await download.PathAsync()));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The console's server with the year's ledger, targets, a key project and results, written once.</summary>
    public sealed class Server : ConsoleServer
    {
        private readonly SemaphoreSlim _seeding = new(1, 1);
        private bool _seeded;

        /// <summary>The verdicts `reduction assess` gave, by prefecture id.</summary>
        public Dictionary<string, string> Verdicts { get; } = new(StringComparer.Ordinal);

        public async Task SeedAsync()
        {
            await _seeding.WaitAsync();
            try
            {
                if (!_seeded)
                {
                    await SeedOnceAsync();
                    _seeded = true;
                }
            }
            finally
            {
                _seeding.Release();
            }
        }

        private async Task SeedOnceAsync()
        {
            var parties = PartyDirectory.LoadDefault();
            var prefectures = parties.PrefecturesOn(new DateOnly(Year, 12, 31)).ToList();
            string Name(Party p, int year) => p.NameOn(new DateOnly(year, 12, 31)).Name;
            var seeder = await AddAccountAsync("dash-seed", "epb", [AccountRoles.Operator]);
            using var api = await ApiAsync(seeder);

            // COD: 拉萨市 950 → 900 under a 1,000 t cap; 日喀则市 1,000 → 1,005 against 较上年 -1% (990 t); the others
            // 500 → 480 under 600 t.
            var ledger = new TestWorkbook().Row("地市", "年度", "污染物", "排放源", "企业名称", "排放量（吨）");
            var targets = new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值");
            foreach (var p in prefectures)
            {
                var (previous, actual) = p.Id switch { "lhasa" => (950m, 900m), "shigatse" => (1000m, 1005m), _ => (500m, 480m) };
                ledger.Row(Name(p, Year - 1), Year - 1, "COD", "工业源", null, previous).Row(Name(p, Year), Year, "COD", "工业源", null, actual);
                targets.Row(Name(p, Year), Year, "COD", p.Id == "shigatse" ? "较上年变化率" : "排放总量上限", p.Id switch { "lhasa" => 1000, "shigatse" => -1, _ => 600 });
            }

            await ImportAsync(api, "ledger", ledger.ToBytes());
            await ImportAsync(api, "targets", targets.ToBytes());
            await ImportAsync(api, "key-projects", new TestWorkbook("重点项目").Row("地市", "项目名称", "完成期限", "说明").Row("拉萨市", "拉萨市污水处理厂二期", "2015-12-31", "已投运").ToBytes());

            var cases = new JsonArray();
            foreach (var p in prefectures)
            {
                var item = Reduction.Workflows.Simulation.CycleSimulator.PassingCase(Year);
                item["prefecture"] = Name(p, Year);
                item["year"] = Year;
                if (p.Id == "shigatse")
                {
                    item["pollutants"]!.AsArray().Single(x => x!["code"]!.GetValue<string>() == "NOx")!.AsObject()["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 899.99 };
                }

                if (p.Id == "chamdo")
                {
                    item["monitoring"]!["transmission"] = new JsonObject { ["due"] = 1000, ["received"] = 900, ["valid"] = 700 };
                }

                cases.Add(item);
            }

            var results = (await ReductionCli.AssessAsync(cases))["results"]!.AsArray();
            foreach (var result in results.Select(r => r!.AsObject()))
            {
                // As the cycle's evaluation stores them: `prefecture` is the party id.
                result["prefecture"] = result["prefectureId"]!.GetValue<string>();
                Verdicts[result["prefectureId"]!.GetValue<string>()] = result["verdict"]!.GetValue<string>();
            }

            await using var db = Workflows.CreateContext();
            db.Instances.Add(new InstanceRecord
            {
                Id = Guid.CreateVersion7(),
                DefinitionId = "annual-cycle",
                DefinitionVersion = 1,
                Status = InstanceStatus.Completed,
                StateJson = new JsonObject { ["variables"] = new JsonObject { ["year"] = Year + 1, ["results"] = results.DeepClone(), ["results_held"] = new JsonArray() } }.ToJsonString(),
                CorrelationKey = $"annual-cycle:{(Year + 1).ToString(CultureInfo.InvariantCulture)}",
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        private static async Task ImportAsync(HttpClient api, string kind, byte[] workbook)
        {
            var file = new ByteArrayContent(workbook);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            using var content = new MultipartFormDataContent { { new StringContent(kind), "kind" }, { file, "file", "导入.xlsx" } };
            using var response = await api.PostAsync(new Uri("/api/imports", UriKind.Relative), content);
            Assert.True(response.IsSuccessStatusCode, kind + ": " + await response.Content.ReadAsStringAsync());
        }
    }
}
