using System.Text.Json;

namespace Reduction.Cli.Tests.Assess;

public class AssessCommandTests
{
    private const string ValidCase = """
        {
          "prefecture": "拉萨市", "year": 2014,
          "pollutants": [
            { "code": "COD", "actualTonnes": 10, "target": { "kind": "capTonnes", "value": 10 } },
            { "code": "NH3-N", "actualTonnes": 10, "target": { "kind": "capTonnes", "value": 10 } },
            { "code": "SO2", "actualTonnes": 10, "target": { "kind": "capTonnes", "value": 10 } },
            { "code": "NOx", "actualTonnes": 10, "target": { "kind": "capTonnes", "value": 10 } }
          ],
          "keyProjects": [],
          "monitoring": {
            "transmission": { "due": 100, "received": 100, "valid": 100 },
            "selfMonitoringPublication": { "published": 1, "required": 1 },
            "supervisoryMonitoringPublication": { "published": 1, "required": 1 }
          }
        }
        """;

    private static string Cases(params string[] cases) => $$"""{ "cases": [{{string.Join(",", cases)}}] }""";

    private static CliRun AssertRejected(CliRun run)
    {
        Assert.Equal(CliApp.InvalidInput, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("输入无效，未作评定 / invalid input, nothing was evaluated:", run.Error, StringComparison.Ordinal);
        return run;
    }

    [Fact]
    public void Run_ShippedExample_MatchesGoldenJson()
    {
        var run = CliRun.Of("assess", "--input", Path.Combine(CliRun.RepositoryRoot(), "docs", "examples", "assessment-cases.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        CliRun.AssertMatchesGolden("assessment-cases.expected.json", run.Output);
    }

    [Fact]
    public void Run_ShippedExampleAsTable_MatchesGoldenTable()
    {
        var run = CliRun.Of("assess", "--input", Path.Combine(CliRun.RepositoryRoot(), "docs", "examples", "assessment-cases.json"), "--format", "table");

        Assert.Equal(0, run.ExitCode);
        CliRun.AssertMatchesGolden("assessment-cases.expected.txt", run.Output);
    }

    [Fact]
    public void Run_ContractExample_MatchesGoldenJson()
    {
        var run = CliRun.Of("assess", "--input", CliRun.GoldenPath("contract-example.input.json"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        CliRun.AssertMatchesGolden("contract-example.expected.json", run.Output);
    }

    [Fact]
    public void Run_InvalidCases_ReportsEveryCaseAndFieldAndMatchesGolden()
    {
        var run = AssertRejected(CliRun.Of("assess", "--input", CliRun.GoldenPath("invalid-cases.input.json")));

        CliRun.AssertMatchesGolden("invalid-cases.expected-stderr.txt", run.Error);
    }

    [Fact]
    public void Run_FailingVerdict_ExitsZero()
    {
        var failing = ValidCase.Replace("\"valid\": 100", "\"valid\": 74", StringComparison.Ordinal);

        var run = CliRun.AssessJson(Cases(failing));

        Assert.Equal(0, run.ExitCode);
        using var output = JsonDocument.Parse(run.Output);
        Assert.Equal("fail", output.RootElement.GetProperty("results")[0].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Run_SeveralCases_ResultsInInputOrder()
    {
        var run = CliRun.AssessJson(Cases(
            ValidCase.Replace("拉萨市", "阿里地区", StringComparison.Ordinal),
            ValidCase.Replace("拉萨市", "lhasa", StringComparison.Ordinal)));

        using var output = JsonDocument.Parse(run.Output);
        var results = output.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["阿里地区", "lhasa"], results.Select(r => r.GetProperty("prefecture").GetString()));
        Assert.Equal(["ngari", "lhasa"], results.Select(r => r.GetProperty("prefectureId").GetString()));
    }

    [Fact]
    public void Run_JsonOutput_KeepsChineseAndOperatorsUnescaped()
    {
        var run = CliRun.AssessJson(Cases(ValidCase));

        Assert.Contains("\"required\": \"<= 10吨\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("}\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyCases_PrintsEmptyResults()
    {
        var run = CliRun.AssessJson("""{ "cases": [] }""");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\n  \"results\": []\n}\n", run.Output);
    }

    [Fact]
    public void Run_OneInvalidCaseAmongValid_PrintsNothingOnStdout()
    {
        var invalid = ValidCase.Replace("\"due\": 100", "\"due\": 99", StringComparison.Ordinal);

        var run = AssertRejected(CliRun.AssessJson(Cases(ValidCase, invalid)));

        Assert.Contains("第2个案例（cases[1]，拉萨市）字段 monitoring.transmission.received：", run.Error, StringComparison.Ordinal);
        Assert.Contains("case 2 (cases[1], 拉萨市), field monitoring.transmission.received: received (100) must not exceed due (99)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cases[0]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_YearOutsideEveryPlanPeriod_NamesCaseAndYear()
    {
        var run = AssertRejected(CliRun.AssessJson(Cases(ValidCase.Replace("2014", "2026", StringComparison.Ordinal))));

        Assert.Contains(
            "第1个案例（cases[0]，拉萨市）字段 year：2026年不在任何规划期内 / case 1 (cases[0], 拉萨市), field year: year 2026 is not covered by any plan period",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownPrefecture_NamesPrefecture()
    {
        var run = AssertRejected(CliRun.AssessJson(Cases(ValidCase.Replace("拉萨市", "拉萨地区", StringComparison.Ordinal))));

        Assert.Contains("字段 prefecture：未知的地市“拉萨地区”", run.Error, StringComparison.Ordinal);
        Assert.Contains("unknown prefecture '拉萨地区'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownTargetKind_NamesKind()
    {
        var run = AssertRejected(CliRun.AssessJson(Cases(ValidCase.Replace("\"kind\": \"capTonnes\", \"value\": 10 } },\n    { \"code\": \"NH3-N\"", "\"kind\": \"cap\", \"value\": 10 } },\n    { \"code\": \"NH3-N\"", StringComparison.Ordinal))));

        Assert.Contains("字段 pollutants[0].target.kind：未知的目标类型“cap”", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"status\": \"finished\"", "keyProjects[0].status", "unknown project status 'finished'")]
    [InlineData("\"status\": \"completed\", \"completedOn\": \"2014/11/20\"", "keyProjects[0].completedOn", "must be a valid date yyyy-MM-dd, got \"2014/11/20\"")]
    [InlineData("\"status\": \"completed\", \"completedOn\": \"2014-02-29\"", "keyProjects[0].completedOn", "must be a valid date yyyy-MM-dd")]
    [InlineData("\"status\": \"completed\", \"verifiedRunning\": \"no\"", "keyProjects[0].verifiedRunning", "must be true or false")]
    public void Run_BadKeyProject_NamesTheField(string fields, string field, string message)
    {
        var project = $$"""[{ "name": "污水处理厂", "dueDate": "2014-12-31", {{fields}} }]""";

        var run = AssertRejected(CliRun.AssessJson(Cases(ValidCase.Replace("\"keyProjects\": []", $"\"keyProjects\": {project}", StringComparison.Ordinal))));

        Assert.Contains($"field {field}: {message}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingMonitoring_NamesIt()
    {
        var withoutMonitoring = ValidCase[..ValidCase.IndexOf(",\n  \"monitoring\"", StringComparison.Ordinal)] + "}";

        var run = AssertRejected(CliRun.AssessJson(Cases(withoutMonitoring)));

        Assert.Contains("字段 monitoring：缺少此字段 / case 1 (cases[0], 拉萨市), field monitoring: missing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedJson_SaysWhere()
    {
        var run = AssertRejected(CliRun.AssessJson("{ \"cases\": [ { \"prefecture\": } ] }"));

        Assert.Contains("输入不是有效的 JSON（第1行", run.Error, StringComparison.Ordinal);
        Assert.Contains("the input is not valid JSON", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoCasesArray_Rejected()
    {
        var run = AssertRejected(CliRun.AssessJson("""{ "results": [] }"""));

        Assert.Contains("字段 cases：输入应为含有 cases 数组的对象", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingFile_Rejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var run = AssertRejected(CliRun.Of("assess", "--input", path));

        Assert.Contains($"无法读取输入文件“{path}”", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NotUtf8_Rejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gbk-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, [0x7B, 0xC0, 0xAD, 0xC8, 0x7D]);
        try
        {
            var run = AssertRejected(CliRun.Of("assess", "--input", path));

            Assert.Contains("不是有效的 UTF-8 文本", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_NoInputOption_Rejected()
    {
        var run = AssertRejected(CliRun.Of("assess"));

        Assert.Contains("字段 --input：缺少输入文件 / field --input: no input file given", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadFormat_RejectedBeforeReading()
    {
        var run = AssertRejected(CliRun.Of("assess", "--input", "no-such-file.json", "--format", "xml"));

        Assert.Contains("不支持的输出格式“xml”，可用：json、table / field --format: unsupported format 'xml'; expected json or table", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MisspelledOption_Rejected()
    {
        var run = AssertRejected(CliRun.Of("assess", "--input", "x.json", "--formt", "table"));

        Assert.Contains("无法识别的参数：--formt table / unrecognized arguments: --formt table", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_ExplainsOptionsAndExitCodes()
    {
        var run = CliRun.Of("assess", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--input", run.Output, StringComparison.Ordinal);
        Assert.Contains("--format", run.Output, StringComparison.Ordinal);
        Assert.Contains("退出码", run.Output, StringComparison.Ordinal);
    }
}
