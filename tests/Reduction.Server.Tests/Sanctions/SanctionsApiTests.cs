using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Answers;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Sanctions;

/// <summary>`GET /api/sanctions`: what other systems (EIA approval) ask.</summary>
[Collection(AnswerCollection.Name)]
public sealed class SanctionsApiTests(AnswerFixture fixture)
{
    [Fact]
    public async Task Get_FormerNameOnADateInForce_EiaSuspendedWithTheSanctions()
    {
        await SeedAsync();
        using var admin = fixture.Admin();

        var answer = (await admin.GetFromJsonAsync<JsonObject>("/api/sanctions?prefecture=" + Uri.EscapeDataString("日喀则地区") + "&date=2015-05-01"))!;

        Assert.Equal("日喀则市", answer["prefecture"]!.GetValue<string>());
        Assert.Equal("shigatse", answer["prefectureId"]!.GetValue<string>());
        Assert.Equal("2015-05-01", answer["date"]!.GetValue<string>());
        Assert.True(answer["eiaSuspended"]!.GetValue<bool>());
        var sanctions = answer["sanctions"]!.AsArray();
        Assert.Equal(["awards-bar", "eia-suspension"], sanctions.Select(s => s!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var eia = sanctions.Single(s => s!["kind"]!.GetValue<string>() == "eia-suspension")!;
        Assert.Equal("2015-04-28", eia["from"]!.GetValue<string>());
        Assert.Null(eia["until"]);
        Assert.Equal(2014, eia["assessedYear"]!.GetValue<int>());
        Assert.Contains("一票否决", eia["basis"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2014-04-28", false)]
    [InlineData("2016-03-01", false)]
    [InlineData("2016-02-29", true)]
    public async Task Get_OutsideOrInsideTheTermOfTheSanction_AnswersForThatDay(string date, bool suspended)
    {
        await SeedAsync();
        using var admin = fixture.Admin();

        var answer = (await admin.GetFromJsonAsync<JsonObject>($"/api/sanctions?prefecture=chamdo&date={date}"))!;

        Assert.Equal(suspended, answer["eiaSuspended"]!.GetValue<bool>());
        Assert.Equal(suspended ? 1 : 0, answer["sanctions"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("prefecture=%E5%8C%97%E4%BA%AC", "未知地市“北京”")]
    [InlineData("prefecture=lhasa&date=2015-02-30", "日期“2015-02-30”无效")]
    [InlineData("date=2015-05-01", "请用 prefecture 参数指定地市")]
    public async Task Get_UnknownPrefectureOrBadDate_400WithAChineseMessage(string query, string message)
    {
        using var admin = fixture.Admin();

        using var response = await admin.GetAsync(new Uri($"/api/sanctions?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutTheAdminCredential_401()
    {
        using var anonymous = fixture.Admin(password: null);

        using var response = await anonymous.GetAsync(new Uri("/api/sanctions?prefecture=lhasa", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task SeedAsync()
    {
        await using var db = fixture.Database.CreateContext();
        if (db.Sanctions.Any(s => s.IdempotencyKey.StartsWith("api-test:")))
        {
            return;
        }

        db.Sanctions.AddRange(
            Record("shigatse", "eia-suspension", new DateOnly(2015, 4, 28), null),
            Record("shigatse", "awards-bar", new DateOnly(2015, 4, 28), null),
            Record("chamdo", "eia-suspension", new DateOnly(2014, 4, 29), new DateOnly(2016, 3, 1)));
        await db.SaveChangesAsync();
    }

    private static SanctionRecord Record(string prefecture, string kind, DateOnly from, DateOnly? until) => new()
    {
        Id = Guid.CreateVersion7(),
        IdempotencyKey = $"api-test:{prefecture}:{kind}",
        PrefectureId = prefecture,
        Kind = kind,
        AssessedYear = from.Year - 1,
        StartsOn = from,
        EndsOn = until,
        Basis = "《“十二五”主要污染物总量减排考核办法》一票否决",
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
