using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Notifications.Messages;
using Reduction.Server.Tests.Browser;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Operations;

/// <summary>The notices pages in Debian's Chromium on the 2016 cycle: 林芝市's plan notice fails (no address), an
/// operator finds it by recipient, fixes the address and resends it from its page, and it arrives in smtp4dev once,
/// with the Message-ID of its idempotency key; a prefecture's member sees its own party's notices only, and another's
/// notice page answers 404. Checked against the stored rows. Screenshots: artifacts/test-results/screenshots/notices-*.png.</summary>
[Collection(NoticesCollection.Name)]
public sealed class NoticesBrowserTests(NoticesServer server) : IAsyncLifetime
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
    public async Task Operator_FindsTheFailedNoticeByRecipient_ResendsIt_ArrivesOnceWithTheSameMessageId()
    {
        var operatorUser = await server.AddAccountAsync("noticeop", "epb", [AccountRoles.Operator]);
        await NoticesDrill.EnsureCycleAsync(server, operatorUser);
        var failed = await FailedPlanNoticeAsync();

        // Found by the recipient's name: it was never composed, so by the party it is addressed to.
        var page = await server.SignInAsync(_browser!, operatorUser);
        await page.GotoAsync(server.Url("/console/notices?recipient=" + Uri.EscapeDataString("林芝") + "&state=failed&template=task-issued"));
        var row = page.Locator($"[data-testid=notices] tbody tr[data-notice-id='{failed.Id}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("任务通知");
        await Assertions.Expect(row).ToContainTextAsync("发送失败");
        await Assertions.Expect(row).ToContainTextAsync("林芝");
        await Chromium.ScreenshotAsync(page, "notices-failed");

        // Found by an address it went to: every row is a notice to 阿里地区, as many as the database holds.
        var ngari = server.Mail.Address("ngari");
        await page.GotoAsync(server.Url("/console/notices?recipient=" + Uri.EscapeDataString(ngari.ToUpperInvariant())));
        var toNgari = await StoredAsync(n => n.Recipients != null && n.Recipients.Contains(ngari));
        Assert.NotEmpty(toNgari);
        var shown = await page.Locator("[data-testid=notices] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.noticeId)");
        Assert.Equal(toNgari.Select(n => n.Id.ToString()).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));

        // The fix, then the resend from the notice's own page.
        await server.WriteContactsAsync([]);
        await page.GotoAsync(server.Url($"/console/notices/{failed.Id}"));
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("发送失败");
        await Assertions.Expect(page.Locator("[data-testid=attempts] tbody tr[data-outcome=failed]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=task-link]")).ToHaveAttributeAsync("href", $"/console/tasks/{failed.TaskId}");
        await page.FillAsync("[data-form=resend] input[name=reason]", "已登记林芝市的收件邮箱");
        await NoticesDrill.SubmitAsync(page, "resend", "/console/notices/", server);
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已重新发送");

        var address = server.Mail.Address(NoticesServer.UnreachableParty);
        var arrived = Assert.Single(await server.Mail.WaitForAsync(m => m.Template == "task-issued" && m.IsTo(address), 1, "the resent notice", NoticesDrill.Patience));
        Assert.Equal(MessageIds.Hash(failed.IdempotencyKey), arrived.MessageId!.Split('@')[0]);
        var sent = await NoticesDrill.EventuallyAsync(async () => (await StoredAsync(n => n.Id == failed.Id)).SingleOrDefault(n => n.Status == NoticeStatus.Sent), "the notice marked sent");
        Assert.Contains("减排计划", sent.Subject, StringComparison.Ordinal);

        // A second resend changes nothing: the notice is sent; after more sweeps it still arrived once.
        using (var api = await server.ApiAsync(operatorUser))
        using (var again = await api.PostAsJsonAsync($"/api/notices/{failed.Id}/resend", new { reason = "再发一次" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("只有发送失败的通知可以重新发送", (await again.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await Task.Delay(TimeSpan.FromSeconds(4));
        await server.Mail.RefreshAsync();
        Assert.Single(server.Mail.All, m => m.MessageId == arrived.MessageId);

        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("已发送");
        await Assertions.Expect(page.Locator("[data-testid=message-id]")).ToHaveTextAsync(arrived.MessageId!);
        await Assertions.Expect(page.Locator("[data-testid=attempts] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=attempts] tbody tr[data-outcome=resent]")).ToContainTextAsync("已登记林芝市的收件邮箱");
        await Chromium.ScreenshotAsync(page, "notices-resent");
        Assert.Equal(
            [NoticeAttemptRecord.Failed, NoticeAttemptRecord.Resent, NoticeAttemptRecord.Sent],
            (await AttemptsAsync(failed.Id)).Select(a => a.Outcome));
        Assert.Single(await server.AuditAsync(operatorUser, "notice.resend"), e => e.TargetId == failed.Id.ToString() && e.Detail == "已登记林芝市的收件邮箱");
        Assert.Contains(await server.AuditAsync(operatorUser, "notice.read"), e => e.TargetId == failed.Id.ToString());
    }

    [Fact]
    public async Task Member_SeesOnlyItsPartysNotices_AndAnotherPartysNoticePageAnswers404()
    {
        var operatorUser = await server.AddAccountAsync("noticeop", "epb", [AccountRoles.Operator]);
        await NoticesDrill.EnsureCycleAsync(server, operatorUser);
        var member = await server.AddAccountAsync("shannan", "shannan", [AccountRoles.Member]);
        var page = await server.SignInAsync(_browser!, member);
        await page.GotoAsync(server.Url("/console/my-notices"));
        await Assertions.Expect(page.Locator("[data-testid=notices] tbody tr").First).ToBeVisibleAsync();
        var shown = await page.Locator("[data-testid=notices] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.noticeId)");
        var own = (await StoredAsync(n => n.RecipientPartiesJson.Contains("\"shannan\"") || n.RecipientRolesJson.Contains("\"prefecture\""))).Select(n => n.Id.ToString()).ToHashSet();
        Assert.NotEmpty(shown);
        Assert.All(shown, id => Assert.Contains(id, own));
        await Chromium.ScreenshotAsync(page, "notices-member");

        var other = (await StoredAsync(n => n.RecipientPartiesJson.Contains("\"ngari\""))).First();
        var response = await page.GotoAsync(server.Url($"/console/notices/{other.Id}"));
        Assert.True(response!.Status == (int)HttpStatusCode.NotFound, $"{response.Status}: {server.Tail}");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("页面不存在");
        Assert.Contains(await server.AuditAsync(member, "notice.read"), e => e.TargetId == other.Id.ToString() && e.Outcome == "denied");

        // The API reads through the same scope; resending is for operators.
        using var api = await server.ApiAsync(member);
        var listed = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/notices?party=ngari", UriKind.Relative)))!;
        Assert.Equal(0, listed["total"]!.GetValue<int>());
        using var resend = await api.PostAsJsonAsync($"/api/notices/{other.Id}/resend", new { reason = "试试" });
        Assert.Equal(HttpStatusCode.Forbidden, resend.StatusCode);
    }

    private async Task<NoticeRecord> FailedPlanNoticeAsync() =>
        await NoticesDrill.EventuallyAsync(
            async () => (await StoredAsync(n => n.TemplateKey == "task-issued" && n.RecipientPartiesJson.Contains("\"nyingchi\"")))
                .FirstOrDefault(n => n.Status is NoticeStatus.DeadLetter or NoticeStatus.Sent),
            "林芝市's plan notice dead-lettered");

    private async Task<List<NoticeRecord>> StoredAsync(System.Linq.Expressions.Expression<Func<NoticeRecord, bool>> match)
    {
        await using var db = server.Workflows.CreateContext();
        return await db.Notices.AsNoTracking().Where(match).ToListAsync();
    }

    private async Task<List<NoticeAttemptRecord>> AttemptsAsync(Guid id)
    {
        await using var db = server.Workflows.CreateContext();
        return (await db.NoticeAttempts.AsNoTracking().Where(a => a.NoticeId == id).ToListAsync()).OrderBy(a => a.At).ThenBy(a => a.Id).ToList();
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
