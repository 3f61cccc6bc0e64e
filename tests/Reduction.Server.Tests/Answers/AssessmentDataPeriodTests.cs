using System.Net;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Answers;

/// <summary>The assessment-data form asks for the pollutants of the plan period of the assessed year (cycle year - 1).</summary>
[Collection(AnswerCollection.Name)]
public sealed class AssessmentDataPeriodTests(AnswerFixture fixture)
{
    [Fact]
    public async Task Open_Cycle2026_AsksForVocsNotSo2()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2026, ["item"] = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" } });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();

        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        Assert.Contains("填报 2025 年度数据", open.Html, StringComparison.Ordinal);
        Assert.Contains("挥发性有机物（VOCs）", open.Html, StringComparison.Ordinal);
        foreach (var sector in new[] { "industrial", "urbanDomestic", "motorVehicles", "centralised" })
        {
            Assert.Contains($"name=\"pollutants.VOCs.{sector}\"", open.Html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("name=\"pollutants.SO2.", open.Html, StringComparison.Ordinal);
        Assert.Contains("2020 年基准排放量", open.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_Cycle2021_AsksForSo2OfTheThirteenthPeriod()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2021, ["item"] = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" } });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();

        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        Assert.Contains("name=\"pollutants.SO2.industrial\"", open.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"pollutants.VOCs.", open.Html, StringComparison.Ordinal);
        Assert.Contains("2015 年基准排放量", open.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Cycle2026_TheCaseHoldsVocsBuiltFromItsSectors()
    {
        var (instanceId, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2026, ["item"] = new JsonObject { ["id"] = "shigatse", ["name"] = "日喀则市" } });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        var receipt = await open.PostAsync(browser, $"/t/{token}", FourteenthAnswer());

        Assert.True(receipt.Status == HttpStatusCode.OK, receipt.Html);
        await Eventually.TrueAsync(async () => (await fixture.InstanceAsync(instanceId)).Status == InstanceStatus.Completed, TimeSpan.FromSeconds(30), "assessment-data completed");
        var assessmentCase = InstanceState.Parse((await fixture.InstanceAsync(instanceId)).StateJson).Variables["case"]!.AsObject();
        var pollutants = assessmentCase["pollutants"]!.AsArray();
        Assert.Equal(["COD", "NH3-N", "NOx", "VOCs"], pollutants.Select(p => p!["code"]!.GetValue<string>()));
        var vocs = pollutants.Single(p => p!["code"]!.GetValue<string>() == "VOCs")!;
        Assert.Equal(1800m, vocs["actualTonnes"]!.GetValue<decimal>());
        Assert.Equal(["industrial", "urbanDomestic", "motorVehicles", "centralised"], vocs["sectors"]!.AsObject().Select(s => s.Key));
    }

    private static Dictionary<string, string> FourteenthAnswer()
    {
        var answer = new Dictionary<string, string>
        {
            ["monitoring.transmission.due"] = "10000",
            ["monitoring.transmission.received"] = "9000",
            ["monitoring.transmission.valid"] = "7600",
            ["monitoring.selfMonitoringPublication.required"] = "50",
            ["monitoring.selfMonitoringPublication.published"] = "40",
            ["monitoring.supervisoryMonitoringPublication.required"] = "20",
            ["monitoring.supervisoryMonitoringPublication.published"] = "20",
            ["contact.name"] = "赵磊",
        };
        var sectors = new Dictionary<string, string[]>
        {
            ["COD"] = ["industrial", "urbanDomestic", "agricultural", "centralised"],
            ["NH3-N"] = ["industrial", "urbanDomestic", "agricultural", "centralised"],
            ["NOx"] = ["industrial", "urbanDomestic", "centralised", "motorVehicles"],
            ["VOCs"] = ["industrial", "urbanDomestic", "motorVehicles", "centralised"],
        };
        foreach (var (code, list) in sectors)
        {
            foreach (var sector in list)
            {
                answer[$"pollutants.{code}.{sector}"] = "450";
            }

            answer[$"pollutants.{code}.targetKind"] = "capTonnes";
            answer[$"pollutants.{code}.targetValue"] = "2000";
        }

        return answer;
    }
}
