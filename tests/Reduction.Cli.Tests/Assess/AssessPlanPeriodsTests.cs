using System.Text;
using System.Text.Json;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Cli.Tests.Assess;

/// <summary>`reduction assess` without a database: the shipped periods, or those of `--plan-periods FILE`.</summary>
public sealed class AssessPlanPeriodsTests : IDisposable
{
    private readonly string _periods = Path.Combine(Path.GetTempPath(), $"plan-periods-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_periods);

    private static string Case(int year, params string[] codes) => $$"""
        { "cases": [ {
          "prefecture": "拉萨市", "year": {{year}},
          "pollutants": [ {{string.Join(",", codes.Select(c => $$"""{ "code": "{{c}}", "actualTonnes": 10, "target": { "kind": "capTonnes", "value": 10 } }"""))}} ],
          "keyProjects": [],
          "monitoring": {
            "transmission": { "due": 100, "received": 100, "valid": 100 },
            "selfMonitoringPublication": { "published": 1, "required": 1 },
            "supervisoryMonitoringPublication": { "published": 1, "required": 1 }
          }
        } ] }
        """;

    [Fact]
    public void Run_FourteenthPeriodYear_EvaluatesVocsFromTheShippedFile()
    {
        var run = CliRun.AssessJson(Case(2025, "COD", "NH3-N", "NOx", "VOCs"));

        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var subjects = output.RootElement.GetProperty("results")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("criterion").GetString() == "pollutant-target")
            .Select(f => f.GetProperty("subject").GetString());
        Assert.Equal(["COD", "NH3-N", "NOx", "VOCs"], subjects);
    }

    [Fact]
    public void Run_PlanPeriodsFileWithAFifteenthPeriod_AssessesItsYears()
    {
        var fifteenth = PlanPeriodJson.WriteFile([PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!])
            .Replace("14th-five-year-plan", "15th-five-year-plan", StringComparison.Ordinal)
            .Replace("\"firstYear\": 2021", "\"firstYear\": 2026", StringComparison.Ordinal)
            .Replace("\"lastYear\": 2025", "\"lastYear\": 2030", StringComparison.Ordinal)
            .Replace("\"baseYear\": 2020", "\"baseYear\": 2025", StringComparison.Ordinal);
        File.WriteAllText(_periods, fifteenth, new UTF8Encoding(false));

        var shipped = CliRun.AssessJson(Case(2026, "COD", "NH3-N", "NOx", "VOCs"));
        var withFile = CliRun.AssessJson(Case(2026, "COD", "NH3-N", "NOx", "VOCs"), "--plan-periods", _periods);

        Assert.Equal(CliApp.InvalidInput, shipped.ExitCode);
        Assert.Contains("2026年不在任何规划期内", shipped.Error, StringComparison.Ordinal);
        Assert.True(withFile.ExitCode == 0, withFile.Error);
        using var output = JsonDocument.Parse(withFile.Output);
        Assert.Equal("pass", output.RootElement.GetProperty("results")[0].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Run_InvalidPlanPeriodsFile_ExitsTwoNamingTheField()
    {
        File.WriteAllText(_periods, PlanPeriodJson.WriteFile(PlanPeriodCatalog.LoadDefault().Periods).Replace("\"VOCs\"", "\"VOC\"", StringComparison.Ordinal));

        var run = CliRun.AssessJson(Case(2025, "COD", "NH3-N", "NOx", "VOCs"), "--plan-periods", _periods);

        Assert.Equal((CliApp.InvalidInput, string.Empty), (run.ExitCode, run.Output));
        Assert.Contains("--plan-periods", run.Error, StringComparison.Ordinal);
        Assert.Contains("pollutants[3].code 的污染物“VOC”未知", run.Error, StringComparison.Ordinal);
    }
}
