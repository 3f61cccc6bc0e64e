using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Answers;

namespace Reduction.Server.Tests.PlanPeriods;

/// <summary>`GET /api/plan-periods` and starting cycles after 2016, on the seeded database of the answer server.</summary>
[Collection(AnswerCollection.Name)]
public sealed class PlanPeriodsApiTests(AnswerFixture fixture)
{
    [Fact]
    public async Task Get_Admin_ListsTheSeededPeriodsWithPollutantsThresholdsBasisAndCarriedOverMarkers()
    {
        using var admin = fixture.Admin();
        using var anonymous = await fixture.Admin(password: null).GetAsync(new Uri("/api/plan-periods", UriKind.Relative));

        var periods = (await admin.GetFromJsonAsync<JsonObject>("/api/plan-periods"))!["planPeriods"]!.AsArray();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(["12th-five-year-plan", "13th-five-year-plan", "14th-five-year-plan"], periods.Select(p => p!["id"]!.GetValue<string>()));
        var fourteenth = periods[2]!;
        Assert.Equal("“十四五”", fourteenth["name"]!.GetValue<string>());
        Assert.Equal((2021, 2025), (fourteenth["firstYear"]!.GetValue<int>(), fourteenth["lastYear"]!.GetValue<int>()));
        Assert.Equal(
            ["COD 化学需氧量", "NH3-N 氨氮", "NOx 氮氧化物", "VOCs 挥发性有机物"],
            fourteenth["pollutants"]!.AsArray().Select(p => $"{p!["code"]} {p["name"]}"));
        Assert.Equal(["capTonnes", "changeVsPreviousYearPercent", "changeVsBaseYearPercent"], fourteenth["targetKinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("75/100", fourteenth["thresholds"]!["transmissionEffectiveRate"]!.GetValue<string>());
        Assert.Equal("国发〔2021〕33号《“十四五”节能减排综合工作方案》", fourteenth["basis"]!["pollutant-target"]!.GetValue<string>());
        Assert.Equal("12th-five-year-plan", fourteenth["carriedOver"]!["from"]!.GetValue<string>());
        Assert.Contains("pollutants.VOCs.sectors", fourteenth["carriedOver"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Null(periods[0]!["carriedOver"]);
    }

    [Fact]
    public async Task Get_Admin_GivesEachPeriodsMeasuresTitleWithTheCarriedOverOneToConfirm()
    {
        using var admin = fixture.Admin();

        var periods = (await admin.GetFromJsonAsync<JsonObject>("/api/plan-periods"))!["planPeriods"]!.AsArray();

        Assert.All(periods, p => Assert.Equal("《“十二五”主要污染物总量减排考核办法》", p!["measuresTitle"]!.GetValue<string>()));
        Assert.Contains("measuresTitle", periods[2]!["carriedOver"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task StartCycle_2026_Created()
    {
        using var admin = fixture.Admin();

        using var started = await admin.PostAsync(new Uri("/api/cycles/2026/start", UriKind.Relative), null);

        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        Assert.Equal("annual-cycle:2026", (await started.Content.ReadFromJsonAsync<JsonObject>())!["correlationKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartCycle_2027_400SayingHowToAddThePeriod()
    {
        using var admin = fixture.Admin();

        using var refused = await admin.PostAsync(new Uri("/api/cycles/2027/start", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
            "2027年度考核评定 2026 年，该年不在任何规划期内。请由系统管理员用 `reduction plan-periods import` 添加规划期。",
            (await refused.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
    }
}
