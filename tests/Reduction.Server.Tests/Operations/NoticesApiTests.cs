using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Identity.Accounts;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Operations;

/// <summary>The notices API on the real server: the list is filtered and paged in the caller's scope with Chinese
/// template names and the addresses each notice went to; a resend needs a reason (400), finds nothing outside the
/// scope (404), refuses a notice that has not failed (409) and is for operators only (403).</summary>
[Collection(NoticesCollection.Name)]
public sealed class NoticesApiTests(NoticesServer server)
{
    [Fact]
    public async Task List_FiltersBySubjectTemplatePartyStateAndDate_WithNamesAndAddresses_BadFiltersAnswer400()
    {
        var operatorUser = await server.AddAccountAsync("noticeapi", "epb", [AccountRoles.Operator]);
        await NoticesDrill.EnsureCycleAsync(server, operatorUser);

        var sent = await NoticesDrill.GetAsync(server, operatorUser, "/api/notices?template=task-issued&party=lhasa&state=sent&from=2016-02-16&to=2016-02-16&subject=" + Uri.EscapeDataString("减排计划"));
        var notice = Assert.Single(sent["notices"]!.AsArray())!;
        Assert.Equal(1, sent["total"]!.GetValue<int>());
        Assert.Equal(("task-issued", "任务通知", "sent"), (notice["template"]!.GetValue<string>(), notice["templateName"]!.GetValue<string>(), notice["status"]!.GetValue<string>()));
        Assert.Contains(server.Mail.Address("lhasa"), notice["recipients"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("+08:00", notice["createdAt"]!.GetValue<string>(), StringComparison.Ordinal);

        var before = await NoticesDrill.GetAsync(server, operatorUser, "/api/notices?party=lhasa&to=2016-02-15");
        Assert.Equal(0, before["total"]!.GetValue<int>());

        using var api = await server.ApiAsync(operatorUser);
        using var bad = await api.GetAsync(new Uri("/api/notices?state=lost&from=16-02-2016&recipient=" + new string('邮', 300), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var message = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
        Assert.Contains("未知的发送状态", message, StringComparison.Ordinal);
        Assert.Contains("起始日期的格式应为 yyyy-MM-dd", message, StringComparison.Ordinal);
        Assert.DoesNotContain("邮邮邮", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_WithoutReason400_Unknown404_NotFailed409_Member403()
    {
        var operatorUser = await server.AddAccountAsync("noticeapi", "epb", [AccountRoles.Operator]);
        await NoticesDrill.EnsureCycleAsync(server, operatorUser);
        Guid sentId;
        await using (var db = server.Workflows.CreateContext())
        {
            sentId = await db.Notices.AsNoTracking().Where(n => n.Status == NoticeStatus.Sent).Select(n => n.Id).FirstAsync();
        }

        using var api = await server.ApiAsync(operatorUser);
        await AssertAsync(await api.PostAsJsonAsync($"/api/notices/{sentId}/resend", new { reason = "  " }), HttpStatusCode.BadRequest, "请填写重新发送的原因");
        await AssertAsync(await api.PostAsJsonAsync($"/api/notices/{Guid.NewGuid()}/resend", new { reason = "重发" }), HttpStatusCode.NotFound, "通知不存在");
        await AssertAsync(await api.PostAsJsonAsync($"/api/notices/{sentId}/resend", new { reason = "重发" }), HttpStatusCode.Conflict, "当前为“已发送”");
        Assert.Contains(await server.AuditAsync(operatorUser, "POST /api/notices/{id:guid}/resend"), e => e.TargetId == sentId.ToString() && e.Outcome == "failure");

        var member = await server.AddAccountAsync("lhasa", "lhasa", [AccountRoles.Member]);
        using var memberApi = await server.ApiAsync(member);
        using var refused = await memberApi.PostAsJsonAsync($"/api/notices/{sentId}/resend", new { reason = "重发" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
