using System.Text.Json.Nodes;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.Assessment;

public class LaterPlanPeriodAssessmentTests
{
    private static string Input(int year, params string[] codes) => new JsonObject
    {
        ["cases"] = new JsonArray(new JsonObject
        {
            ["prefecture"] = "拉萨市",
            ["year"] = year,
            ["pollutants"] = new JsonArray(codes.Select(c => (JsonNode?)new JsonObject
            {
                ["code"] = c,
                ["actualTonnes"] = c == "VOCs" ? 1200 : 900,
                ["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 1000 },
            }).ToArray()),
            ["keyProjects"] = new JsonArray(),
            ["monitoring"] = new JsonObject
            {
                ["transmission"] = new JsonObject { ["due"] = 1000, ["received"] = 1000, ["valid"] = 980 },
                ["selfMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
                ["supervisoryMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
            },
        }),
    }.ToJsonString();

    [Fact]
    public void Evaluate_FourteenthPeriodCase_EvaluatesVocsWithTheWorkPlanAsBasis()
    {
        var input = AssessInputReader.Read(Input(2025, "COD", "NH3-N", "NOx", "VOCs"), PlanPeriodCatalog.LoadDefault(), PartyDirectory.LoadDefault());

        Assert.True(input.IsValid, string.Join("; ", input.Errors.Select(e => e.Format())));
        var result = input.Cases[0].Case.Evaluate(input.Cases[0].Period);
        var pollutantFindings = result.Findings.Where(f => f.Criterion == AssessmentCriterion.PollutantTarget).ToArray();
        Assert.Equal(["COD", "NH3-N", "NOx", "VOCs"], pollutantFindings.Select(f => f.Subject));
        var vocs = pollutantFindings.Single(f => f.Subject == "VOCs");
        Assert.Equal(FindingOutcome.Failed, vocs.Outcome);
        Assert.Equal("国发〔2021〕33号《“十四五”节能减排综合工作方案》", vocs.Basis);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Read_FourteenthPeriodCaseWithSo2_RefusesSo2AndAsksForVocs()
    {
        var input = AssessInputReader.Read(Input(2023, "COD", "NH3-N", "SO2", "NOx"), PlanPeriodCatalog.LoadDefault(), PartyDirectory.LoadDefault());

        Assert.False(input.IsValid);
        Assert.Contains(input.Errors, e => e.EnglishMessage.Contains("'SO2'", StringComparison.Ordinal));
        Assert.Contains(input.Errors, e => e.EnglishMessage.Contains("VOCs", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_ThirteenthPeriodCase_EvaluatesSo2()
    {
        var input = AssessInputReader.Read(Input(2020, "COD", "NH3-N", "SO2", "NOx"), PlanPeriodCatalog.LoadDefault(), PartyDirectory.LoadDefault());

        Assert.True(input.IsValid, string.Join("; ", input.Errors.Select(e => e.Format())));
        Assert.Equal("13th-five-year-plan", input.Cases[0].Period.Id);
        Assert.Equal(Verdict.Pass, input.Cases[0].Case.Evaluate(input.Cases[0].Period).Verdict);
    }
}
