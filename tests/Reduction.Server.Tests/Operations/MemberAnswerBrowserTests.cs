using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;

namespace Reduction.Server.Tests.Operations;

/// <summary>A prefecture's member answers its own task from the console, in Chromium on the real server: the console
/// sends it to the page the party's e-mail link opens (the same form, checks and receipt), and the console's task page
/// then shows the submission, its attachment (downloaded from the console, scoped and audited) and when the link was opened; another prefecture's member cannot get there.
/// Screenshot: ops-member-answer.png.</summary>
public sealed class MemberAnswerBrowserTests(ActionsServer server) : IClassFixture<ActionsServer>, IAsyncLifetime
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
    public async Task Member_AnswersItsOwnTaskThroughTheConsole_SeesTheSubmission_AndAnotherPartyIsRefused()
    {
        var cycle = await TwoPartyWorkflow.StartAsync(server);
        var lhasaTask = cycle.Tasks["lhasa"];
        var member = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        var page = await server.SignInAsync(_browser!, member);

        await page.GotoAsync(server.Url("/console/my-tasks"));
        await page.ClickAsync($"[data-testid=tasks] a[href='/console/tasks/{lhasaTask}']");
        await Assertions.Expect(page.Locator("[data-testid=answer] [data-action=answer]")).ToHaveTextAsync("在线填报");
        await page.ClickAsync("[data-testid=answer] [data-action=answer]");
        await page.WaitForURLAsync(url => url.Contains("/t/", StringComparison.Ordinal));

        // The task page of the e-mail link, with its own checks: an empty report is refused beside the field.
        await page.FillAsync("input[name='contact.name']", "次仁");
        await page.FillAsync("input[name='contact.phone']", "0891-6000000");
        await page.ClickAsync("button.primary");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("报告内容");
        await page.FillAsync("textarea[name='summary']", "拉萨市2026年度自查报告：各项减排措施均已落实。");
        await page.SetInputFilesAsync("input[name='attachments']", new FilePayload { Name = "拉萨市自查报告.pdf", MimeType = "application/pdf", Buffer = Answers.SampleAnswers.Pdf(2048) });
        await page.ClickAsync("button.primary");
        await page.WaitForSelectorAsync("h1:text('回执')");
        await Chromium.ScreenshotAsync(page, "ops-member-answer");

        // Back in the console: the submission is there, the link shows it was opened, and a revision is offered.
        await page.GotoAsync(server.Url($"/console/tasks/{lhasaTask}"));
        await Assertions.Expect(page.Locator("details[data-revision='1']")).ToContainTextAsync("各项减排措施均已落实");
        await Assertions.Expect(page.Locator("[data-testid=links] tr[data-party=lhasa] [data-testid=last-opened]")).Not.ToHaveTextAsync("未打开");
        await Assertions.Expect(page.Locator("[data-testid=answer] [data-action=answer]")).ToHaveTextAsync("修改并重新提交");

        // The revision's attachment is listed with its size and downloads from the console, byte for byte.
        var attachment = page.Locator("details[data-revision='1'] [data-testid=attachments] li[data-index='1']");
        await Assertions.Expect(attachment).ToContainTextAsync("拉萨市自查报告.pdf");
        await Assertions.Expect(attachment).ToContainTextAsync("3 KB");
        var href = await attachment.Locator("a").GetAttributeAsync("href");
        Assert.Equal($"/console/tasks/{lhasaTask}/revisions/1/attachments/1", href);
        var download = await page.APIRequest.GetAsync(server.Url(href!));
        Assert.Equal(200, download.Status);
        Assert.Equal(Answers.SampleAnswers.Pdf(2048), await download.BodyAsync());
        Assert.Equal(404, (await page.APIRequest.GetAsync(server.Url($"/console/tasks/{lhasaTask}/revisions/1/attachments/2"))).Status);
        using (var api = await server.ApiAsync(cycle.Operator))
        {
            var stored = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/tasks/{lhasaTask}", UriKind.Relative)))!;
            Assert.Equal("拉萨市2026年度自查报告：各项减排措施均已落实。", stored["submissions"]![0]!["data"]!["summary"]!.GetValue<string>());
        }

        // 日喀则市's member finds neither the task nor a way to answer it.
        var other = await server.AddAccountAsync("member", "shigatse", [AccountRoles.Member]);
        var otherPage = await server.SignInAsync(_browser!, other);
        var refused = await otherPage.GotoAsync(server.Url($"/console/tasks/{lhasaTask}/answer"));
        Assert.Equal(404, refused!.Status);
        Assert.DoesNotContain("/t/", otherPage.Url, StringComparison.Ordinal);
        Assert.Equal(404, (await otherPage.APIRequest.GetAsync(server.Url(href!))).Status);
        Assert.Contains(await server.AuditAsync(member, "task.answer.open"), e => e.Outcome == "success" && e.TargetId == lhasaTask);
        Assert.Contains(await server.AuditAsync(member, "attachment.read"), e => e.Outcome == "success" && e.TargetId == $"{lhasaTask}/1/1");
        Assert.Contains(await server.AuditAsync(other, "attachment.read"), e => e.Outcome == "denied" && e.TargetId == $"{lhasaTask}/1/1");
        Assert.Contains(await server.AuditAsync(other, "task.answer.open"), e => e.Outcome == "denied" && e.TargetId == lhasaTask);
        await page.Context.CloseAsync();
        await otherPage.Context.CloseAsync();
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
