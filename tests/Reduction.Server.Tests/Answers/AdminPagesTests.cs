using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Answers;

/// <summary>What administrators use beside the API: starting a cycle now, and the outbox page.</summary>
[Collection(AnswerCollection.Name)]
public sealed partial class AdminPagesTests(AnswerFixture fixture)
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
        using var admin = await fixture.PagesAsync();

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
        using var anonymous = await fixture.Browser().GetAsync(new Uri("/admin/outbox", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/console/signin", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, task.Id);
    }

    [Fact]
    public async Task Outbox_KindsPartiesAndHeader_InChineseAndNamedAsToday()
    {
        await fixture.PlanTaskAsync();
        using var admin = await fixture.PagesAsync();
        var today = BeijingTime.DateOf(fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var parties = PartyDirectory.LoadDefault();

        var listing = await Eventually.ReturnsAsync(async () =>
        {
            var html = await admin.GetStringAsync(new Uri("/admin/outbox?status=Sent", UriKind.Relative));
            return html.Contains("（拉萨市）的通知", StringComparison.Ordinal) ? html : null;
        }, TimeSpan.FromSeconds(30), "task-issued notice listed");
        var text = VisibleText(listing);

        Assert.Contains($"<span class=\"org\">{parties.GetById("epb").NameOn(today).Name}</span>", listing, StringComparison.Ordinal);
        Assert.Contains("<td>任务通知</td>", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("task-issued", listing, StringComparison.Ordinal);
        var english = AsciiWord().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(english.Count == 0, $"English on the outbox page: {string.Join(", ", english)}");

        // The notices were made today and the header speaks of today: every party name on the page is today's.
        foreach (var party in parties.Parties)
        {
            foreach (var name in party.Names.SelectMany(n => new[] { n.Name, n.IssuingBody }).Distinct().Where(n => text.Contains(n, StringComparison.Ordinal)))
            {
                Assert.True(name == party.NameOn(today).Name || name == party.NameOn(today).IssuingBody, $"{name} is not {party.Id}'s name on {today:yyyy-MM-dd}");
            }
        }
    }

    // What a reader sees: no markup, styles, e-mail addresses or links (addresses are Latin by nature).
    private static string VisibleText(string html)
    {
        var body = Regex.Replace(html, "<(style|script|head)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        body = Regex.Replace(body, "<[^>]+>", " ");
        body = System.Net.WebUtility.HtmlDecode(body);
        return Regex.Replace(body, "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://\\S+", " ");
    }

    [GeneratedRegex("[A-Za-z]{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiWord();

    [Fact]
    public async Task AdminHome_StartFormWithoutAntiforgeryToken_400()
    {
        using var admin = await fixture.PagesAsync();

        using var homeResponse = await admin.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.True(homeResponse.IsSuccessStatusCode, $"{(int)homeResponse.StatusCode} {homeResponse.Headers.Location}");
        var home = await homeResponse.Content.ReadAsStringAsync();
        using var post = await admin.PostAsync(new Uri("/admin/cycles", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["year"] = "2016" }));

        Assert.Contains("立即启动考核周期", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }
}
