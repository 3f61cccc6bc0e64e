using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Calendar;
using Reduction.Server.Tests.Api;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Tests.Calendar;

/// <summary>`/api/calendar` on PostgreSQL: each test uses a year of its own, as they share the server's calendar.</summary>
public sealed class CalendarApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient SystemAdmin() => fixture.Client(AdminClient.Password, ApiFixture.SystemAdminUser);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    private const string National2028 = """
        {"source": "国办发明电〔2027〕1号",
         "holidays": {"2028-01-01": "元旦", "2028-01-24": "春节", "2028-01-25": "春节", "2028-01-26": "春节", "2028-01-27": "春节", "2028-01-28": "春节"},
         "workdays": {"2028-01-29": "春节"}}
        """;

    [Fact]
    public async Task Get_YearWithoutNationalArrangement_SaysSoInChinese()
    {
        using var member = fixture.Client();

        var year = (await member.GetFromJsonAsync<JsonObject>("/api/calendar/2031?party=拉萨市"))!;

        Assert.False(year["hasNationalArrangement"]!.GetValue<bool>());
        Assert.Empty(year["days"]!.AsArray());
        Assert.StartsWith("2031 年的国务院节假日安排尚未录入", year["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("lhasa", year["party"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ShippedYear_EveryDateWithItsLayer()
    {
        using var client = fixture.Client();

        var year = (await client.GetFromJsonAsync<JsonObject>("/api/calendar/2022"))!;

        var days = year["days"]!.AsArray();
        Assert.Equal(365, days.Count);
        var losar = days.Single(d => d!["date"]!.GetValue<string>() == "2022-03-02")!;
        Assert.Equal((false, "regional", "藏历新年", true), (losar["working"]!.GetValue<bool>(), losar["layer"]!.GetValue<string>(), losar["name"]!.GetValue<string>(), losar["adjusted"]!.GetValue<bool>()));
        var national = days.Single(d => d!["date"]!.GetValue<string>() == "2022-10-01")!;
        Assert.Equal("national", national["layer"]!.GetValue<string>());
        Assert.Equal("week", days.Single(d => d!["date"]!.GetValue<string>() == "2022-03-14")!["layer"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutNational_SystemAdmin_AppliesAtOnceVersionedAndAudited()
    {
        using var admin = SystemAdmin();

        using var saved = await admin.PutAsync(new Uri("/api/calendar/national/2028", UriKind.Relative), Json(National2028));

        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var result = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["saved"]![0]!;
        Assert.Equal((2028, 1, true), (result["year"]!.GetValue<int>(), result["version"]!.GetValue<int>(), result["changed"]!.GetValue<bool>()));
        var year = (await admin.GetFromJsonAsync<JsonObject>("/api/calendar/2028?party=lhasa"))!;
        Assert.True(year["hasNationalArrangement"]!.GetValue<bool>());
        var adjusted = year["days"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == "2028-01-29")!;
        Assert.Equal((true, "national", "春节"), (adjusted["working"]!.GetValue<bool>(), adjusted["layer"]!.GetValue<string>(), adjusted["name"]!.GetValue<string>()));
        var entry = year["entries"]!.AsArray().Single()!;
        Assert.Equal((ApiFixture.SystemAdminUser, "国办发明电〔2027〕1号"), (entry["changedBy"]!.GetValue<string>(), entry["source"]!.GetValue<string>()));
        Assert.Equal(ApiFixture.SystemAdminUser, year["history"]!.AsArray().Single()!["changedBy"]!.GetValue<string>());

        // The singleton every deadline is computed with has it.
        var calendar = fixture.Factory.Services.GetRequiredService<OfficialCalendar>();
        Assert.Same(calendar, fixture.Factory.Services.GetRequiredService<WorkflowRuntime>().Calendar);
        Assert.False(calendar.IsWorkingDay(D("2028-01-24"), "lhasa"));

        await using var db = fixture.Database.Context();
        var audit = await db.AuditLog.Where(a => a.User == ApiFixture.SystemAdminUser && a.TargetId != null && a.TargetId.Contains("2028")).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Contains(audit, a => a is { Action: "calendar.save", TargetId: "national:2028", Outcome: "success" });
        Assert.Contains(audit, a => a is { Action: "PUT /api/calendar/national/{year}", Outcome: "success" });
    }

    [Fact]
    public async Task PutNational_Operator_403AndNothingStored()
    {
        using var operatorClient = fixture.Client();
        using var anonymous = fixture.Client(password: null);

        using var refused = await operatorClient.PutAsync(new Uri("/api/calendar/national/2029", UriKind.Relative), Json(National2028.Replace("2028", "2029", StringComparison.Ordinal)));
        using var unauthenticated = await anonymous.PutAsync(new Uri("/api/calendar/national/2029", UriKind.Relative), Json("{}"));
        using var import = await operatorClient.PostAsync(new Uri("/api/calendar/import", UriKind.Relative), Json("{\"years\": {}}"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        await using var db = fixture.Database.Context();
        Assert.False(await db.CalendarArrangements.AnyAsync(r => r.Year == 2029));
    }

    [Theory]
    [InlineData("not json", "请求体不是有效的 JSON")]
    [InlineData("[1, 2]", "请求体应为对象")]
    [InlineData("{\"holidays\": {\"2027-01-01\": \"元旦\"}}", "2027-01-01 不属于 2030 年")]
    [InlineData("{\"holidays\": {\"2030-02-30\": \"春节\"}}", "不是 yyyy-MM-dd 日期")]
    [InlineData("{\"holidays\": {\"2030-01-01\": \"元旦\"}, \"workdays\": {\"2030-01-01\": \"元旦\"}}", "不能既是休息日又是工作日")]
    [InlineData("{\"holiday\": {}}", "未知的键“holiday”")]
    [InlineData("{\"holidays\": [\"2030-01-01\"]}", "应为“日期: 名称”对象")]
    public async Task PutNational_Malformed_400WithChineseMessage(string body, string expected)
    {
        using var admin = SystemAdmin();

        using var refused = await admin.PutAsync(new Uri("/api/calendar/national/2030", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(expected, await MessageAsync(refused), StringComparison.Ordinal);
        Assert.False(fixture.Factory.Services.GetRequiredService<OfficialCalendar>().HasNationalYear(2030));
    }

    [Fact]
    public async Task PutNational_HugeKeyOrBody_NeverEchoedNor500()
    {
        using var admin = SystemAdmin();
        var longKey = new string('x', 500_000);

        using var badKey = await admin.PutAsync(new Uri("/api/calendar/national/2030", UriKind.Relative), Json($"{{\"holidays\": {{\"{longKey}\": \"元旦\"}}}}"));
        using var tooLarge = await admin.PutAsync(new Uri("/api/calendar/national/2030", UriKind.Relative), Json($"{{\"holidays\": {{\"{longKey}{longKey}{longKey}\": \"元旦\"}}}}"));
        using var badYear = await admin.PutAsync(new Uri("/api/calendar/national/20x0", UriKind.Relative), Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.True((await badKey.Content.ReadAsStringAsync()).Length < 1000);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(CalendarInput.TooLarge, await MessageAsync(tooLarge));
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.StartsWith("年份应为", await MessageAsync(badYear), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AnExcelWorkbook_StoresItsYearsAsTheJsonFileWould()
    {
        using var admin = SystemAdmin();
        var rows = new[]
        {
            new Dictionary<string, object> { ["日期"] = new DateTime(2033, 1, 31), ["安排"] = "放假", ["名称"] = "春节", ["来源"] = "国办发明电〔2032〕1号" },
            new Dictionary<string, object> { ["日期"] = "2033-02-06", ["安排"] = "上班", ["名称"] = "春节", ["来源"] = string.Empty },
        };
        using var workbook = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(workbook, rows);
        using var content = new ByteArrayContent(workbook.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Reduction.Server.Calendar.CalendarWorkbook.ContentType);
        using var imported = await admin.PostAsync(new Uri("/api/calendar/import", UriKind.Relative), content);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        var year = (await admin.GetFromJsonAsync<JsonObject>("/api/calendar/2033"))!;
        var days = year["days"]!.AsArray().ToDictionary(d => d!["date"]!.GetValue<string>());
        Assert.False(days["2033-01-31"]!["working"]!.GetValue<bool>());
        Assert.True(days["2033-02-06"]!["working"]!.GetValue<bool>());
        Assert.Equal("国办发明电〔2032〕1号", year["entries"]![0]!["source"]!.GetValue<string>());

        // A bad row: its number in Chinese, nothing stored.
        rows[1]["安排"] = "调休";
        using var bad = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(bad, rows);
        using var refused = await admin.PostAsync(new Uri("/api/calendar/import", UriKind.Relative), new ByteArrayContent(bad.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("第 3 行：安排“调休”无法识别", await MessageAsync(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutParty_LhasaLosar_DecidesForLhasaOnlyAndDeadlinesCountIt()
    {
        using var admin = SystemAdmin();
        using var national = await admin.PostAsync(new Uri("/api/calendar/import", UriKind.Relative), Json("{\"years\": {\"2032\": {\"holidays\": {\"2032-01-01\": \"元旦\"}}}}"));
        Assert.Equal(HttpStatusCode.OK, national.StatusCode);

        using var saved = await admin.PutAsync(
            new Uri("/api/calendar/parties/拉萨市/2032", UriKind.Relative),
            Json("{\"holidays\": {\"2032-02-11\": \"藏历新年\", \"2032-02-12\": \"藏历新年\", \"2032-02-13\": \"藏历新年\"}, \"workdays\": {\"2032-02-15\": \"藏历新年\"}}"));
        using var notPrefecture = await admin.PutAsync(new Uri("/api/calendar/parties/epb/2032", UriKind.Relative), Json("{}"));

        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        Assert.Equal("lhasa", (await saved.Content.ReadFromJsonAsync<JsonObject>())!["saved"]![0]!["party"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, notPrefecture.StatusCode);
        Assert.Contains("不是地市", await MessageAsync(notPrefecture), StringComparison.Ordinal);

        // Tuesday 10 February 2032 + 3 working days: in Lhasa 11-13 are off and Sunday 15 is worked.
        var lhasa = (await admin.GetFromJsonAsync<JsonObject>("/api/calendar/deadline?rule=workdays:%2B3&anchor=2032-02-10&party=lhasa"))!;
        var ngari = (await admin.GetFromJsonAsync<JsonObject>("/api/calendar/deadline?rule=workdays:%2B3&anchor=2032-02-10&party=ngari"))!;
        Assert.Equal(("2032-02-17", 3), (lhasa["due"]!.GetValue<string>(), lhasa["workingDaysAfterAnchor"]!.GetValue<int>()));
        Assert.Equal("2032-02-13", ngari["due"]!.GetValue<string>());
        var day = (await admin.GetFromJsonAsync<JsonObject>("/api/calendar/2032?party=lhasa"))!["days"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == "2032-02-15")!;
        Assert.Equal((true, "prefecture"), (day["working"]!.GetValue<bool>(), day["layer"]!.GetValue<string>()));

        await using var db = fixture.Database.Context();
        var request = await db.AuditLog.Where(a => a.Action == "PUT /api/calendar/parties/{party}/{year}" && a.Outcome == "success").ToListAsync();
        Assert.Contains(request, a => a is { TargetKind: "parties", TargetId: "2032" });
        Assert.Contains(await db.AuditLog.Where(a => a.Action == "calendar.save").ToListAsync(), a => a.TargetId == "prefecture:lhasa:2032");
    }

    [Fact]
    public async Task Deadline_YearWithoutData_400InChinese()
    {
        using var client = fixture.Client();

        using var refused = await client.GetAsync(new Uri("/api/calendar/deadline?rule=workdays:%2B3&anchor=2033-03-01&party=lhasa", UriKind.Relative));
        using var badRule = await client.GetAsync(new Uri("/api/calendar/deadline?rule=soon&anchor=2022-03-01", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("2033 年的节假日安排", await MessageAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badRule.StatusCode);
    }

    [Theory]
    [InlineData("/api/calendar/import", "{\"years\": {\"27\": {}}}", "不是四位年份")]
    [InlineData("/api/calendar/import", "{\"holidays\": {}}", "缺少 years")]
    [InlineData("/api/calendar/import", "{\"years\": {}}", "没有任何年份")]
    [InlineData("/api/calendar/import?layer=moon", "{\"years\": {}}", "layer 应为")]
    [InlineData("/api/calendar/import?layer=prefecture", "{\"years\": {}}", "请指定地市")]
    [InlineData("/api/calendar/import?layer=regional&party=lhasa", "{\"years\": {}}", "不应指定 party")]
    [InlineData("/api/calendar/import", "{\"years\": {\"2034\": {\"holidays\": {}}, \"2301\": {}}}", "年份应在 2000 至 2100 之间")]
    public async Task Import_Malformed_400AndNothingStored(string path, string body, string expected)
    {
        using var admin = SystemAdmin();

        using var refused = await admin.PostAsync(new Uri(path, UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(expected, await MessageAsync(refused), StringComparison.Ordinal);
        await using var db = fixture.Database.Context();
        Assert.False(await db.CalendarArrangements.AnyAsync(r => r.Year == 2034));
    }

    [Fact]
    public async Task Get_UnknownPartyOrYear_400()
    {
        using var client = fixture.Client();

        using var party = await client.GetAsync(new Uri("/api/calendar/2022?party=nowhere", UriKind.Relative));
        using var year = await client.GetAsync(new Uri("/api/calendar/1800", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, party.StatusCode);
        Assert.Contains("未知的单位", await MessageAsync(party), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, year.StatusCode);
    }
}
