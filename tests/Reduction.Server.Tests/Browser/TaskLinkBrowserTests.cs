using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reduction.Domain.Parties;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Browser;

/// <summary>A prefecture answers by e-mail link, as a person would: the real server (PostgreSQL, Hangfire, SMTP to
/// smtp4dev), Debian's Chromium driven by Playwright. Screenshots go to artifacts/test-results/screenshots.</summary>
public sealed class TaskLinkBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly PostgresServer _postgres = new();
    private readonly string _domain = $"b{Guid.NewGuid():N}"[..9] + ".example.gov.cn";
    private readonly string _folder = Directory.CreateTempSubdirectory("reduction-browser-").FullName;
    private Smtp4dev? _smtp;
    private ServerProcess? _server;
    private DrillDatabase? _database;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync();
        await TestAccounts.EnsureOperatorAsync(connectionString);
        _database = new DrillDatabase(connectionString);
        _smtp = await Smtp4dev.StartAsync(AnswerFixture.RepositoryRoot());
        var contacts = Path.Combine(_folder, "contacts.json");
        await File.WriteAllTextAsync(contacts, new JsonObject
        {
            ["contacts"] = new JsonArray(PartyDirectory.LoadDefault().Parties
                .Select(p => (JsonNode?)new JsonObject { ["party"] = p.Id, ["email"] = $"{p.Id}@{_domain}", ["admin"] = p.Id == "epb" }).ToArray()),
        }.ToJsonString());
        var environment = ServerSettings.For(connectionString, Path.Combine(AnswerFixture.RepositoryRoot(), "workflows"));
        environment["Notifications__Smtp__Host"] = _smtp.Host;
        environment["Notifications__Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Notifications__Smtp__Security"] = "None";
        environment["Notifications__Smtp__From"] = "noreply@hbt.xizang.example.gov.cn";
        environment["Notifications__ContactsFile"] = contacts;
        environment["Notifications__Delivery__SweepInterval"] = "00:00:01";
        _server = new ServerProcess("browser", environment);
        await _server.StartAsync();
    }

    [Fact]
    public async Task AnnualPlan_AnsweredThroughTheEmailLink_ReceiptMailAndPlanReviewFollow()
    {
        using var admin = new AdminClient(_server!.BaseAddress);
        var item = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" };
        var instanceId = await admin.StartReliablyAsync("annual-plan", new JsonObject { ["year"] = 2015, ["item"] = item }, $"browser:{Guid.NewGuid():N}", Patience);

        // The task-issued notice arrives at Lhasa's registered address with its link to this server.
        var issued = await _smtp!.WaitForAsync($"lhasa@{_domain}", "关于报送2015年度主要污染物总量减排计划和实施方案（拉萨市）的通知", Patience);
        var link = Chromium.TaskLink().Match(issued.TextBody ?? string.Empty).Value;
        Assert.StartsWith($"{_server.BaseAddress.ToString().TrimEnd('/')}/t/", link, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        // The operator signs in to the console; the outbox shows the notice as sent, rendered, with the same working link.
        var adminContext = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
        });
        var adminPage = await adminContext.NewPageAsync();
        await adminPage.GotoAsync($"{_server.BaseAddress.ToString().TrimEnd('/')}/console/signin");
        await adminPage.FillAsync("#username", AdminClient.User);
        await adminPage.FillAsync("#password", AdminClient.Password);
        await adminPage.ClickAsync("#signin");
        await adminPage.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await adminPage.GotoAsync($"{_server.BaseAddress.ToString().TrimEnd('/')}/admin/outbox");
        await ScreenshotAsync(adminPage, "0-admin-outbox");
        await adminPage.ClickAsync("a:text('关于报送2015年度主要污染物总量减排计划和实施方案（拉萨市）的通知')");
        var noticeLink = adminPage.FrameLocator("iframe.notice-frame").Locator("a[href*='/t/']").First;
        Assert.Equal(link, await noticeLink.GetAttributeAsync("href"));
        await ScreenshotAsync(adminPage, "0-admin-notice");
        await adminContext.CloseAsync();

        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 412, Height = 915 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();

        var opened = await page.GotoAsync(link);
        Assert.Equal((int)HttpStatusCode.OK, opened!.Status);
        Assert.Contains("2015年3月15日 23:59:59（北京时间）", await page.TextContentAsync("dl.facts") ?? string.Empty, StringComparison.Ordinal);
        await ScreenshotAsync(page, "1-task-page");

        await page.FillAsync("textarea[name='summary']", "2015年全市化学需氧量、氨氮、二氧化硫、氮氧化物排放量分别控制在计划值以内。");
        string[][] measures = [["county", "城关区人民政府", "城关区污水管网改造"], ["department", "拉萨市住房和城乡建设局", "污水处理厂提标改造"], ["enterprise", "拉萨水泥厂", "窑炉烟气脱硝"]];
        for (var i = 0; i < measures.Length; i++)
        {
            await page.SelectOptionAsync($"select[name='measures[{i}].level']", measures[i][0]);
            await page.FillAsync($"input[name='measures[{i}].unit']", measures[i][1]);
            await page.FillAsync($"textarea[name='measures[{i}].measure']", measures[i][2]);
        }

        await page.FillAsync("input[name='measures[0].deadline']", "2015-10-31");
        foreach (var (code, tonnes) in new[] { ("COD", "10120.5"), ("NH3-N", "890"), ("SO2", "4700"), ("NOx", "6950") })
        {
            await page.FillAsync($"input[name='planned.{code}']", tonnes);
        }

        await page.FillAsync("input[name='projects[0].name']", "拉萨市污水处理厂二期");
        await page.FillAsync("input[name='projects[0].dueDate']", "2015-12-31");
        await page.SetInputFilesAsync("input[name='attachments']", new FilePayload { Name = "拉萨市2015年度减排计划.pdf", MimeType = "application/pdf", Buffer = SampleAnswers.Pdf(4096) });
        await page.FillAsync("input[name='contact.name']", "张明");
        await page.FillAsync("input[name='contact.phone']", "0891-6000000");
        await ScreenshotAsync(page, "2-filled-form");
        await page.ClickAsync("button.primary");
        await page.WaitForSelectorAsync("h1:text('回执')");
        var receipt = await page.TextContentAsync("main") ?? string.Empty;
        Assert.Contains("第 1 版", receipt, StringComparison.Ordinal);
        Assert.Contains("拉萨市2015年度减排计划.pdf", receipt, StringComparison.Ordinal);
        Assert.Contains("逾期提交", receipt, StringComparison.Ordinal);
        await ScreenshotAsync(page, "3-receipt");

        // The workflow resumed: a receipt to Lhasa, and the EPB's review of the plan was issued (with its notice).
        var receiptMail = await _smtp.WaitForAsync($"lhasa@{_domain}", "回执", Patience);
        Assert.Contains("2015年度主要污染物总量减排计划和实施方案", receiptMail.Subject, StringComparison.Ordinal);
        var review = await Eventually.ReturnsAsync(async () =>
        {
            var tasks = (await admin.GetJsonAsync($"/api/tasks?instance={instanceId}")).AsArray();
            return tasks.FirstOrDefault(t => t!["kind"]!.GetValue<string>() == "plan-review");
        }, Patience, "plan-review task issued");
        Assert.Equal("epb", review["assigneePartyId"]!.GetValue<string>());
        await _smtp.WaitForAsync($"epb@{_domain}", "审查拉萨市2015年度减排计划", Patience);

        // A forged link: 404 and nothing about any task.
        var forged = await page.GotoAsync($"{_server.BaseAddress.ToString().TrimEnd('/')}/t/{new string('Q', 43)}");
        Assert.Equal((int)HttpStatusCode.NotFound, forged!.Status);
        Assert.Contains("链接无效", await page.TextContentAsync("h1") ?? string.Empty, StringComparison.Ordinal);
        await ScreenshotAsync(page, "4-forged-link");

        // The same link once its task closed longer ago than the grace period: 410 with how to get a new one.
        var planTaskId = Guid.Parse((await admin.GetJsonAsync($"/api/tasks?instance={instanceId}")).AsArray()
            .Single(t => t!["kind"]!.GetValue<string>() == "annual-plan")!["id"]!.GetValue<string>());
        await using (var db = _database!.Context())
        {
            await db.Tasks.Where(t => t.Id == planTaskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClosedAt, DateTimeOffset.UtcNow.AddDays(-30)));
        }

        var expired = await page.GotoAsync(link);
        Assert.Equal((int)HttpStatusCode.Gone, expired!.Status);
        Assert.Contains("重新发送链接到登记邮箱", await page.TextContentAsync("main") ?? string.Empty, StringComparison.Ordinal);
        await ScreenshotAsync(page, "5-expired-link");
        await context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp space.
        }
    }

    private static Task ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, $"task-link-{name}");
}
