using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Parties;
using Reduction.Server.Tests.Api;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Parties;

/// <summary>`/api/parties` on PostgreSQL: seeded on start, read by operators, changed by system administrators only;
/// each test changes a party of its own, as they share the server.</summary>
public sealed class PartiesApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient SystemAdmin() => fixture.Client(AdminClient.Password, ApiFixture.SystemAdminUser);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();

    [Fact]
    public async Task Get_Operator_EveryPartySeededWithNamesContactsAndVersion()
    {
        using var operatorClient = fixture.Client();

        var list = (await operatorClient.GetFromJsonAsync<JsonObject>("/api/parties"))!["parties"]!.AsArray();

        Assert.Equal(PartyDirectory.LoadDefault().Parties.Count, list.Count);
        var shigatse = list.Single(p => p!["id"]!.GetValue<string>() == "shigatse")!;
        Assert.Equal(["日喀则地区", "日喀则市"], shigatse["names"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
        Assert.Equal(("prefecture", "stored"), (shigatse["role"]!.GetValue<string>(), shigatse["contactsFrom"]!.GetValue<string>()));
        Assert.NotEmpty(shigatse["contacts"]!.AsArray());
        Assert.True(shigatse["version"]!.GetValue<int>() >= 1);

        var one = (await operatorClient.GetFromJsonAsync<JsonObject>("/api/parties/日喀则地区"))!;
        Assert.Equal("shigatse", one["id"]!.GetValue<string>());
        Assert.Equal("seed", one["history"]!.AsArray()[^1]!["change"]!.GetValue<string>());
        using var unknown = await operatorClient.GetAsync(new Uri("/api/parties/atlantis", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("没有单位“atlantis”", await MessageAsync(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostName_SystemAdmin_RenameFromADate_NewVersionAuditedInForceAtOnce()
    {
        using var admin = SystemAdmin();

        using var saved = await admin.PostAsync(new Uri("/api/parties/ngari/names", UriKind.Relative), Json("""
            {"name": "阿里市", "issuingBody": "阿里市人民政府", "validFrom": "2030-01-01", "basis": "国函〔2029〕1号", "reason": "撤地设市"}
            """));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["阿里地区", "阿里市"], body["names"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
        Assert.Contains("已即时生效", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var ngari = fixture.Factory.Services.GetRequiredService<PartyDirectory>().GetById("ngari");
        Assert.Equal("阿里地区", ngari.NameOn(new DateOnly(2029, 12, 31)).Name);
        Assert.Equal("阿里市人民政府", ngari.NameOn(new DateOnly(2030, 1, 1)).IssuingBody);

        var history = (await admin.GetFromJsonAsync<JsonObject>("/api/parties/ngari"))!["history"]!.AsArray();
        Assert.Equal(("rename", "撤地设市", ApiFixture.SystemAdminUser), (history[0]!["change"]!.GetValue<string>(), history[0]!["reason"]!.GetValue<string>(), history[0]!["changedBy"]!.GetValue<string>()));
        await using var db = fixture.Database.Context();
        var audit = await db.AuditLog.Where(a => a.TargetId == "ngari" || a.Action == "POST /api/parties/{id}/names").ToListAsync();
        Assert.Contains(audit, a => a is { Action: "party.rename", Outcome: "success" });
        Assert.Contains(audit, a => a is { Action: "POST /api/parties/{id}/names", Outcome: "success" });
    }

    [Theory]
    [InlineData("""{"name": "", "issuingBody": "山南市人民政府", "validFrom": "2030-01-01", "reason": "更名"}""", "新名称不能为空")]
    [InlineData("""{"name": "山南新市", "issuingBody": "山南新市人民政府", "validFrom": "2016-01-07", "reason": "更名"}""", "须晚于现有名称“山南市”的生效日期 2016-01-07")]
    [InlineData("""{"name": "山南新市", "issuingBody": "山南新市人民政府", "validFrom": "2030-02-30", "reason": "更名"}""", "validFrom 应为 yyyy-MM-dd 日期")]
    [InlineData("""{"name": "拉萨市", "issuingBody": "拉萨市人民政府", "validFrom": "2030-01-01", "reason": "更名"}""", "已属于单位 lhasa")]
    [InlineData("""{"name": "山南新市", "issuingBody": "山南新市人民政府", "validFrom": "2030-01-01"}""", "请填写修改原因")]
    [InlineData("not json", "请求体不是有效的 JSON")]
    public async Task PostName_BadRequest_400InChineseNothingStored(string body, string message)
    {
        using var admin = SystemAdmin();

        using var refused = await admin.PostAsync(new Uri("/api/parties/shannan/names", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, await MessageAsync(refused), StringComparison.Ordinal);
        Assert.Equal(["山南地区", "山南市"], fixture.Factory.Services.GetRequiredService<PartyDirectory>().GetById("shannan").Names.Select(n => n.Name));
    }

    [Fact]
    public async Task PutContacts_SystemAdminWithSignatory_Stored_BadAddress400_Operator403_Anonymous401_Unknown404()
    {
        using var admin = SystemAdmin();
        using var operatorClient = fixture.Client();
        using var anonymous = fixture.Client(password: null);
        const string Contacts = """
            {"contacts": [{"name": "那曲市环境保护局减排办", "email": "jianpai2@naqu.example.gov.cn"}, {"name": "那曲市环境保护局值班室", "email": "zhiban@naqu.example.gov.cn", "admin": true}],
             "signatory": {"name": "次仁", "title": "局长"}, "reason": "换邮箱"}
            """;

        using (var bad = await admin.PutAsync(new Uri("/api/parties/nagqu/contacts", UriKind.Relative), Json("""{"contacts": [{"email": "naqu@"}], "reason": "换邮箱"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("邮箱“naqu@”格式不正确", await MessageAsync(bad), StringComparison.Ordinal);
        }

        using (var refused = await operatorClient.PutAsync(new Uri("/api/parties/nagqu/contacts", UriKind.Relative), Json(Contacts)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var unauthenticated = await anonymous.GetAsync(new Uri("/api/parties", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        using (var unknown = await admin.PutAsync(new Uri("/api/parties/atlantis/contacts", UriKind.Relative), Json(Contacts)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var saved = await admin.PutAsync(new Uri("/api/parties/nagqu/contacts", UriKind.Relative), Json(Contacts));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var party = (await operatorClient.GetFromJsonAsync<JsonObject>("/api/parties/nagqu"))!;
        Assert.Equal(["jianpai2@naqu.example.gov.cn", "zhiban@naqu.example.gov.cn"], party["contacts"]!.AsArray().Select(c => c!["email"]!.GetValue<string>()));
        Assert.True(party["contacts"]![1]!["admin"]!.GetValue<bool>());
        Assert.Equal("局长", party["signatory"]!["title"]!.GetValue<string>());
        Assert.Equal(["signatory", "contacts", "seed"], party["history"]!.AsArray().Select(v => v!["change"]!.GetValue<string>()));
    }
}
