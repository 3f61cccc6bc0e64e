using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;
using Reduction.Ledger;
using Reduction.Server.Tests.Api;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Tests.Ledger;

/// <summary>`/api/imports`, `/api/ledger`, `/api/targets` and `/api/exports` over HTTP on PostgreSQL: whole workbooks or
/// nothing, 422 with every refused cell, reads scoped by party, exports that import back unchanged, all audited.
/// Each test writes a year of its own, as they share the server's database.</summary>
public sealed class LedgerApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = "Tibet-Staff-2026!";

    private static readonly object?[] Header = ["地市", "年度", "污染物", "排放源", "企业名称", "排放量（吨）"];

    private static MultipartFormDataContent Upload(string kind, byte[] workbook)
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { new StringContent(kind), "kind" }, { file, "file", "台账.xlsx" } };
    }

    private async Task<HttpClient> MemberAsync(string user, string party)
    {
        await TestAccounts.EnsureAsync(fixture.Factory.Services, user, party, Password, AccountRoles.Member);
        return fixture.Client(Password, user);
    }

    private static byte[] Ledger(int year, params object?[][] rows) => new TestWorkbook().Row(Header).Rows(rows.Select(r => (object?[])[r[0], year, .. r[1..]])).ToBytes();

    [Fact]
    public async Task Import_OperatorAWorkbookWithBadCells_422EveryCellNothingStored_FixedStoresAll_AgainChangesNothing()
    {
        using var epb = fixture.Client();
        var bad = Ledger(2011, ["拉萨市", "COD", "工业源", null, 1520.5], ["拉萨市", "COD", "城镇生活源", null, "0.3万吨"], ["那曲地区", "SO2", "农业源", null, 3]);

        using var refused = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", bad));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = body["errors"]!.AsArray();
        Assert.Equal([("排放台账", 3, "F", "0.3万吨"), ("排放台账", 4, "D", "农业源")], errors.Select(e => (e!["sheet"]!.GetValue<string>(), e["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["value"]!.GetValue<string>())).ToArray());
        Assert.Contains("3000 吨", errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("未导入任何数据", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await epb.GetFromJsonAsync<JsonObject>("/api/ledger?year=2011"))!["entries"]!.AsArray());

        var good = Ledger(2011, ["拉萨市", "COD", "工业源", null, 1520.5], ["拉萨市", "COD", "城镇生活源", null, 3000], ["那曲地区", "SO2", "工业源", null, 3]);
        using var stored = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", good));
        using var again = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", good));

        Assert.True(stored.StatusCode == HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        var counts = (await stored.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((3, 3, 0), (counts["rows"]!.GetValue<int>(), counts["added"]!.GetValue<int>(), counts["changed"]!.GetValue<int>()));
        var repeated = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((0, 0, 3), (repeated["added"]!.GetValue<int>(), repeated["changed"]!.GetValue<int>(), repeated["unchanged"]!.GetValue<int>()));
        var ledger = (await epb.GetFromJsonAsync<JsonObject>("/api/ledger?prefecture=拉萨市&year=2011"))!;
        Assert.Equal([1520.5m, 3000m], ledger["entries"]!.AsArray().Select(e => e!["tonnes"]!.GetValue<decimal>()).ToArray());
        Assert.All(ledger["entries"]!.AsArray(), e => Assert.Equal((1, "import", AdminClient.User), (e!["version"]!.GetValue<int>(), e["source"]!.GetValue<string>(), e["changedBy"]!.GetValue<string>())));
        Assert.Equal(4520.5m, ledger["totals"]!.AsArray().Single()!["tonnes"]!.GetValue<decimal>());

        var audit = fixture.Factory.Services.GetRequiredService<AuditLog>();
        var imports = await audit.QueryAsync(new AuditQuery(User: AdminClient.User, Action: "POST /api/imports", Take: 100));
        Assert.Contains(imports, e => e.Outcome == AuditOutcomes.Failure);
        Assert.Contains(imports, e => e.Outcome == AuditOutcomes.Success);
        Assert.Contains(await audit.QueryAsync(new AuditQuery(User: AdminClient.User, Action: "ledger.read", Take: 100)), e => e.Detail == "prefecture=lhasa year=2011 rows=2");
    }

    [Fact]
    public async Task Import_APrefectureMember_OwnLinesOnly_TargetsRefused403_ReadsOnlyItsOwn_DepartmentsNoEnterprise()
    {
        using var epb = fixture.Client();
        using var seeded = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", Ledger(2012, ["日喀则地区", "COD", "工业源", null, 700], ["日喀则地区", "COD", "工业源", "日喀则某企业", 70])));
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        using var lhasa = await MemberAsync("ledger-lhasa", "lhasa");
        using var drc = await MemberAsync("ledger-drc", "drc");

        using var foreign = await lhasa.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", Ledger(2012, ["拉萨市", "COD", "工业源", null, 1], ["日喀则地区", "COD", "工业源", null, 2])));
        using var own = await lhasa.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", Ledger(2012, ["拉萨市", "COD", "工业源", null, 1], ["拉萨市", "COD", "工业源", "拉萨某企业", 0.5])));
        using var targets = await lhasa.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("targets", new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值").Row("拉萨市", 2012, "COD", "排放总量上限", 1).ToBytes()));
        using var department = await drc.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", Ledger(2012, ["拉萨市", "COD", "工业源", null, 1])));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Contains("只能包含本单位（拉萨市）的数据", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, targets.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);

        var seenByLhasa = (await lhasa.GetFromJsonAsync<JsonObject>("/api/ledger?year=2012"))!["entries"]!.AsArray();
        var askedForShigatse = (await lhasa.GetFromJsonAsync<JsonObject>("/api/ledger?year=2012&prefecture=shigatse"))!["entries"]!.AsArray();
        var seenByDrc = (await drc.GetFromJsonAsync<JsonObject>("/api/ledger?year=2012"))!["entries"]!.AsArray();
        Assert.Equal(2, seenByLhasa.Count);
        Assert.All(seenByLhasa, e => Assert.Equal("lhasa", e!["prefecture"]!.GetValue<string>()));
        Assert.Empty(askedForShigatse);
        Assert.Equal(["lhasa", "shigatse"], seenByDrc.Select(e => e!["prefecture"]!.GetValue<string>()).ToArray());
        Assert.All(seenByDrc, e => Assert.Null(e!["enterprise"]));
    }

    [Fact]
    public async Task Export_LedgerAndTargets_ImportBackUnchanged_TemplatesDownload_Audited()
    {
        using var epb = fixture.Client();
        var targetsBook = new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值（吨或%）")
            .Row("拉萨市", 2013, "COD", "排放总量上限", 5230.75)
            .Row("日喀则地区", 2013, "NH3-N", "较上年变化率", "-0.6%")
            .ToBytes();
        using (var stored = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("targets", targetsBook)))
        {
            Assert.True(stored.StatusCode == HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        }

        using (var stored = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", Ledger(2013, ["拉萨市", "COD", "工业源", null, 1234.5678], ["拉萨市", "NOx", "机动车", null, 0.0001]))))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        foreach (var kind in new[] { "ledger", "targets" })
        {
            using var export = await epb.GetAsync(new Uri($"/api/exports/{kind}?year=2013", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
            var workbook = await export.Content.ReadAsByteArrayAsync();
            using var back = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload(kind, workbook));
            var counts = (await back.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(back.StatusCode == HttpStatusCode.OK, counts.ToJsonString());
            Assert.Equal((2, 0, 0), (counts["unchanged"]!.GetValue<int>(), counts["added"]!.GetValue<int>(), counts["changed"]!.GetValue<int>()));
        }

        var targets = (await epb.GetFromJsonAsync<JsonObject>("/api/targets?year=2013"))!["targets"]!.AsArray();
        Assert.Equal([("lhasa", "capTonnes", 5230.75m), ("shigatse", "changeVsPreviousYearPercent", -0.6m)], targets.Select(t => (t!["prefecture"]!.GetValue<string>(), t["kind"]!.GetValue<string>(), t["value"]!.GetValue<decimal>())).ToArray());

        foreach (var kind in new[] { "ledger", "targets", "key-projects" })
        {
            using var template = await epb.GetAsync(new Uri($"/api/imports/templates/{kind}?year=2013&prefecture=lhasa", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, template.StatusCode);
            Assert.NotEmpty(TestWorkbook.Read(await template.Content.ReadAsByteArrayAsync()));
        }

        using var unknown = await epb.GetAsync(new Uri("/api/imports/templates/budget", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var exports = await fixture.Factory.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: AdminClient.User, Action: "export.ledger", Take: 100));
        Assert.Contains(exports, e => e.Detail == "prefecture=* year=2013 rows=2");
    }

    [Fact]
    public async Task Import_BadRequests_ClearChineseMessages_NeverA500()
    {
        using var epb = fixture.Client();

        using var noKind = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("budget", [1, 2, 3]));
        using var notAWorkbook = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", "地市,年度"u8.ToArray()));
        using var empty = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), Upload("ledger", new TestWorkbook().Row(Header).ToBytes()));
        using var tooLarge = await epb.PostAsync(new Uri("/api/imports?kind=ledger", UriKind.Relative), new ByteArrayContent(new byte[(int)LedgerLimits.MaxUploadBytes + 1]));
        using var badYear = await epb.GetAsync(new Uri("/api/ledger?year=20x6", UriKind.Relative));
        using var anonymous = await fixture.Client(password: null).GetAsync(new Uri("/api/ledger", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
        Assert.Contains("kind 应为", await noKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAWorkbook.StatusCode);
        Assert.Contains("无法读取 Excel 文件", await notAWorkbook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("没有任何数据行", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
