using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Answers;

/// <summary>What administrators use beside the API: starting a cycle now, and the outbox page.</summary>
[Collection(AnswerCollection.Name)]
public sealed class AdminPagesTests(AnswerFixture fixture)
{
    [Fact]
    public async Task StartCycle_TwiceForOneYear_OneInstanceWithTheYearsKey()
    {
        using var admin = fixture.Admin();

        using var first = await admin.PostAsync(new Uri("/api/cycles/2016/start", UriKind.Relative), null);
        using var second = await admin.PostAsync(new Uri("/api/cycles/2016/start", UriKind.Relative), null);
        using var outside = await admin.PostAsync(new Uri("/api/cycles/2031/start", UriKind.Relative), null);
        using var anonymous = await fixture.Admin(password: null).PostAsync(new Uri("/api/cycles/2016/start", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var existing = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(created["instanceId"]!.GetValue<string>(), existing["instanceId"]!.GetValue<string>());
        Assert.Equal("annual-cycle:2016", created["correlationKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("不在任何规划期内", (await outside.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Outbox_ListsEachNoticeWithSubjectRecipientsAndRenderedBody()
    {
        var task = await fixture.PlanTaskAsync();
        using var admin = fixture.Admin();

        var listing = await Eventually.ReturnsAsync(async () =>
        {
            var html = await admin.GetStringAsync(new Uri("/admin/outbox?status=Sent", UriKind.Relative));
            return html.Contains("关于报送2015年度主要污染物总量减排计划和实施方案（拉萨市）的通知", StringComparison.Ordinal) ? html : null;
        }, TimeSpan.FromSeconds(30), "task-issued notice sent");
        Assert.Contains("已发送", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("演练时钟", listing, StringComparison.Ordinal);
        Assert.Contains("拉萨市环境保护局减排办", listing, StringComparison.Ordinal);

        var id = System.Text.RegularExpressions.Regex.Match(listing, "href=\"/admin/outbox/([0-9a-f-]{36})\">关于报送2015年度").Groups[1].Value;
        var detail = await admin.GetStringAsync(new Uri($"/admin/outbox/{id}", UriKind.Relative));
        Assert.Contains("srcdoc=", detail, StringComparison.Ordinal);
        Assert.Contains($"{AnswerFactory.BaseUrl}/t/", detail, StringComparison.Ordinal);
        Assert.Contains("取自投递目录", detail, StringComparison.Ordinal);
        using var anonymous = await fixture.Admin(password: null).GetAsync(new Uri("/admin/outbox", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEqual(Guid.Empty, task.Id);
    }

    [Fact]
    public async Task AdminHome_StartFormWithoutAntiforgeryToken_400()
    {
        using var admin = fixture.Admin();

        var home = await admin.GetStringAsync(new Uri("/admin", UriKind.Relative));
        using var post = await admin.PostAsync(new Uri("/admin/cycles", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["year"] = "2016" }));

        Assert.Contains("立即启动考核周期", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }
}
