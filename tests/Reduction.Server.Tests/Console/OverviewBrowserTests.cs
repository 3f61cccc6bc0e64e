using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Testing;

namespace Reduction.Server.Tests.Console;

/// <summary>The year at a glance in Debian's Chromium at 1280 px: an operator sees every prefecture's cells and the
/// timeline with today, a prefecture member only its own. The year's rows are written straight into the server's
/// database (<see cref="CycleYearRows"/>), each prefecture in another state. Screenshots go to
/// artifacts/test-results/screenshots/overview-*.png.</summary>
public sealed class OverviewBrowserTests(ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private static readonly int Year = BeijingTime.DateOf(DateTimeOffset.UtcNow).Year;
    private static readonly string[] Prefectures = PartyDirectory.LoadDefault().PrefecturesOn(new DateOnly(Year, 1, 1)).Select(p => p.Id).ToArray();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        await using var db = server.Workflows.CreateContext();
        if (!await db.Instances.AnyAsync(i => i.CorrelationKey == $"annual-cycle:{Year}"))
        {
            await CycleYearRows.InsertAsync(server.Workflows, Year, Prefectures, DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task Home_Operator_EveryPrefecturesCellsInTheirStatesAndTheTimeline()
    {
        var page = await SignedInAsync(await server.AddAccountAsync("overview-op", "epb", [AccountRoles.Operator]));
        await page.SelectOptionAsync("#overview-year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=year-picker] button");
        await page.WaitForURLAsync(url => url.Contains($"year={Year}", StringComparison.Ordinal));

        var grid = page.Locator("[data-testid=overview-grid]");
        foreach (var prefecture in Prefectures)
        {
            await Assertions.Expect(grid.Locator($"tr[data-party={prefecture}]")).ToHaveCountAsync(1);
        }

        // The prefectures take the states in turn: 拉萨市 on time, 日喀则市 late, 昌都市 overdue with two steps sent.
        await Assertions.Expect(Cell(page, "lhasa", "annual-plan")).ToContainTextAsync("按期提交");
        await Assertions.Expect(Cell(page, "shigatse", "annual-plan")).ToContainTextAsync("逾期提交（晚 3 天）");
        await Assertions.Expect(Cell(page, "chamdo", "annual-plan")).ToContainTextAsync("已逾期");
        await Assertions.Expect(Cell(page, "chamdo", "annual-plan")).ToContainTextAsync("督办第 2 级");
        await Assertions.Expect(Cell(page, "nyingchi", "annual-plan")).ToContainTextAsync("办理中");
        await Assertions.Expect(Cell(page, "nyingchi", "annual-plan")).ToContainTextAsync("个工作日");
        await Assertions.Expect(Cell(page, "shannan", "annual-plan")).ToContainTextAsync("已退回");
        await Assertions.Expect(Cell(page, "epb", "plan-review")).ToContainTextAsync($"共 {Prefectures.Length} 项");
        var href = await Cell(page, "lhasa", "annual-plan").Locator("a").GetAttributeAsync("href");
        Assert.Matches("^/console/tasks/[0-9a-f-]{36}$", href);

        var today = BeijingTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, await page.GetAttributeAsync("[data-testid=today]", "data-date"));
        await Assertions.Expect(page.Locator("[data-testid=timeline] [data-deadline]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=counts] [data-count=failed]")).Not.ToContainTextAsync("失败通知0");
        await Assertions.Expect(page.Locator("[data-testid=escalated] tr[data-escalated='chamdo/annual-plan']")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 1280"), "the overview fits 1280 px");
        await Chromium.ScreenshotAsync(page, "overview-operator");
    }

    [Fact]
    public async Task Home_PrefectureMember_OnlyItsOwnCells()
    {
        var page = await SignedInAsync(await server.AddAccountAsync("overview-lhasa", "lhasa", [AccountRoles.Member]));

        await Assertions.Expect(page.Locator("[data-testid=overview]")).ToContainTextAsync("本单位任务");
        var rows = await page.Locator("[data-testid=overview-grid] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.party)");
        Assert.Equal(["lhasa"], rows);
        var cells = await page.Locator("[data-testid=overview-grid] td[data-cell]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.cell)");
        Assert.Equal(["lhasa/annual-plan", "lhasa/assessment-data"], cells.Order());
        await Chromium.ScreenshotAsync(page, "overview-prefecture-member");
    }

    private static ILocator Cell(IPage page, string party, string kind) => page.Locator($"[data-testid=overview-grid] td[data-cell='{party}/{kind}']");

    private Task<IPage> SignedInAsync(string user) => server.SignInAsync(_browser!, user);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
