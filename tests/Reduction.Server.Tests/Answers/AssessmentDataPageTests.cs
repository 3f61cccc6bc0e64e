using System.Net;
using System.Text.Json.Nodes;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Answers;

/// <summary>The assessment-data form produces the case the workflow evaluates (the `reduction assess` shape).</summary>
[Collection(AnswerCollection.Name)]
public sealed class AssessmentDataPageTests(AnswerFixture fixture)
{
    [Fact]
    public async Task Submit_DataForm_BecomesTheWorkflowsAssessmentCase()
    {
        var (instanceId, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" } });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        Assert.Contains("填报 2014 年度数据", open.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"pollutants.NOx.motorVehicles\"", open.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"pollutants.SO2.agricultural\"", open.Html, StringComparison.Ordinal);

        var receipt = await open.PostAsync(browser, $"/t/{token}", Answer());

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Contains("<h1>回执</h1>", receipt.Html, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await fixture.InstanceAsync(instanceId)).Status == InstanceStatus.Completed, TimeSpan.FromSeconds(30), "assessment-data completed");
        var variables = InstanceState.Parse((await fixture.InstanceAsync(instanceId)).StateJson).Variables;
        var assessmentCase = variables["case"]!.AsObject();
        var cod = assessmentCase["pollutants"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "COD")!;
        Assert.Equal(10150.0m, cod["actualTonnes"]!.GetValue<decimal>());
        Assert.Equal("changeVsPreviousYearPercent", cod["target"]!["kind"]!.GetValue<string>());
        Assert.Equal(-0.6m, cod["target"]!["value"]!.GetValue<decimal>());
        Assert.Equal(10234.5m, cod["previousTonnes"]!.GetValue<decimal>());
        Assert.Equal(7600, assessmentCase["monitoring"]!["transmission"]!["valid"]!.GetValue<long>());
        Assert.Equal("operating", assessmentCase["keyProjects"]![0]!["status"]!.GetValue<string>());

        // Exactly what EvaluateAssessment does with it: the reader accepts it and the rules give a verdict.
        var candidate = (JsonObject)assessmentCase.DeepClone();
        candidate["prefecture"] = "lhasa";
        candidate["year"] = 2014;
        var input = AssessInputReader.Read(new JsonObject { ["cases"] = new JsonArray(candidate) }.ToJsonString(), PlanPeriodCatalog.LoadDefault(), PartyDirectory.LoadDefault());
        Assert.Empty(input.Errors);
        var result = input.Cases.Single().Case.Evaluate(input.Cases.Single().Period);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public async Task Submit_TargetVersusPreviousYearWithoutPreviousTonnes_DomainErrorBesideTheField()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = new JsonObject { ["id"] = "shigatse", ["name"] = "日喀则市" } });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var answer = Answer();
        answer.Remove("pollutants.COD.previousTonnes");
        answer["monitoring.transmission.valid"] = "9500";

        var page = await open.PostAsync(browser, $"/t/{token}", answer);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("previousTonnes", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"pollutants.COD.previousTonnes\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"9500\"", page.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(tasks.Single().Id));
    }

    /// <summary>拉萨市 2014 of docs/examples/assessment-cases.json, broken down by source.</summary>
    internal static Dictionary<string, string> Answer() => new()
    {
        ["pollutants.COD.industrial"] = "3150",
        ["pollutants.COD.urbanDomestic"] = "5200.0",
        ["pollutants.COD.agricultural"] = "1500",
        ["pollutants.COD.centralised"] = "300",
        ["pollutants.COD.previousTonnes"] = "10234.5",
        ["pollutants.COD.targetKind"] = "changeVsPreviousYearPercent",
        ["pollutants.COD.targetValue"] = "-0.6",
        ["pollutants.NH3-N.industrial"] = "100",
        ["pollutants.NH3-N.urbanDomestic"] = "600",
        ["pollutants.NH3-N.agricultural"] = "150",
        ["pollutants.NH3-N.centralised"] = "50",
        ["pollutants.NH3-N.targetKind"] = "capTonnes",
        ["pollutants.NH3-N.targetValue"] = "950",
        ["pollutants.SO2.industrial"] = "4000",
        ["pollutants.SO2.urbanDomestic"] = "700",
        ["pollutants.SO2.centralised"] = "100",
        ["pollutants.SO2.baseYearTonnes"] = "5000",
        ["pollutants.SO2.targetKind"] = "changeVsBaseYearPercent",
        ["pollutants.SO2.targetValue"] = "-3",
        ["pollutants.NOx.industrial"] = "３０００",
        ["pollutants.NOx.urbanDomestic"] = "1000",
        ["pollutants.NOx.centralised"] = "500",
        ["pollutants.NOx.motorVehicles"] = "2500",
        ["pollutants.NOx.previousTonnes"] = "7000",
        ["pollutants.NOx.targetKind"] = "changeVsPreviousYearPercent",
        ["pollutants.NOx.targetValue"] = "0",
        ["monitoring.transmission.due"] = "10000",
        ["monitoring.transmission.received"] = "9000",
        ["monitoring.transmission.valid"] = "7600",
        ["monitoring.selfMonitoringPublication.required"] = "50",
        ["monitoring.selfMonitoringPublication.published"] = "40",
        ["monitoring.supervisoryMonitoringPublication.required"] = "20",
        ["monitoring.supervisoryMonitoringPublication.published"] = "20",
        ["projects[0].name"] = "拉萨市污水处理厂二期",
        ["projects[0].dueDate"] = "2014-12-31",
        ["projects[0].status"] = "operating",
        ["projects[0].completedOn"] = "2014-11-20",
        ["projects[0].evidence"] = "拉环验〔2014〕12号",
        ["contact.name"] = "赵磊",
    };
}
