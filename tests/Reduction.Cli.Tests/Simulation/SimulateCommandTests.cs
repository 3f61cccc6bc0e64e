using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reduction.Domain.Parties;
using Reduction.Testing;

namespace Reduction.Cli.Tests.Simulation;

public partial class SimulateCommandTests
{
    // Words users may read in Latin letters: pollutant and unit symbols.
    private static readonly HashSet<string> AllowedWords = new(StringComparer.Ordinal) { "COD", "NOx", "VOCs" };

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Simulate_ScenarioJson_FollowsTheContract()
    {
        var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--scenario", Path.Combine(RepositoryRoot.Path, "docs", "examples", "scenario-2015.json"),
            "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal(2015, json["year"]!.GetValue<int>());
        var events = json["events"]!.AsArray();
        var first = events.First(e => e!["kind"]!.GetValue<string>() == "notice" && e["notice"]!.GetValue<string>() == "task-issued" && e["task"]?.GetValue<string>() == "annual-plan")!;
        Assert.Equal("2015-02-16T09:00:00+08:00", first["at"]!.GetValue<string>());
        Assert.Equal(["prefecture"], first["recipientRoles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var times = events.Select(e => DateTimeOffset.Parse(e!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        var kinds = events.Select(e => e!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "notice", "task-issued", "task-submitted", "task-overdue", "escalation", "verdict", "approval", "sanction-started" }, kinds);
        var notices = events.Where(e => e!["kind"]!.GetValue<string>() == "notice").Select(e => e!["notice"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "task-issued", "reminder", "overdue", "escalation", "receipt", "result", "sanction" }, notices);
        Assert.All(events.Where(e => e!["kind"]!.GetValue<string>() == "escalation"), e =>
        {
            Assert.NotNull(e!["party"]);
            Assert.NotEmpty(e["recipientRoles"]!.AsArray());
        });
        Assert.All(events.Where(e => e!["notice"]?.GetValue<string>() == "escalation"), e => Assert.Contains(e!["party"]!.GetValue<string>(), new[] { "阿里地区", "日喀则市" }));
        Assert.Contains(json["results"]!.AsArray(), r => r!["prefecture"]!.GetValue<string>() == "日喀则市" && r["verdict"]!.GetValue<string>() == "fail");
        Assert.All(json["sanctions"]!.AsArray(), s =>
        {
            Assert.Equal("日喀则市", s!["prefecture"]!.GetValue<string>());
            Assert.Equal("2015-04-28", s["from"]!.GetValue<string>());
        });
        Assert.Equal(4, json["sanctions"]!.AsArray().Count);
    }

    [Fact]
    public void Simulate_DefinitionFile_ReplacesTheShippedDefinition_ReminderMovesAndBadFileRefused()
    {
        var workflows = Path.Combine(RepositoryRoot.Path, "workflows");
        var scenario = Path.GetTempFileName();
        var changed = Path.GetTempFileName();
        var broken = Path.GetTempFileName();
        try
        {
            File.WriteAllText(scenario, """{"prefectures": {"拉萨市": {"plan": {"submitAt": "2016-03-14T10:00:00+08:00"}}}}""");
            var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(workflows, "annual-plan.json")))!;
            plan["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "plan")!["inputs"]!["reminders"]![0]!["offset"] = "workdays:-5";
            File.WriteAllText(changed, plan.ToJsonString());
            File.WriteAllText(broken, "{ \"id\": ");

            var shipped = Run("simulate", "--year", "2016", "--scenario", scenario, "--workflows", workflows);
            var rehearsed = Run("simulate", "--year", "2016", "--scenario", scenario, "--workflows", workflows, "--definition", changed);
            var refused = Run("simulate", "--year", "2016", "--workflows", workflows, "--definition", broken);

            Assert.True(shipped.Code == 0, shipped.Err);
            Assert.True(rehearsed.Code == 0, rehearsed.Err);
            Assert.True(FirstLhasaPlanReminder(rehearsed.Out) > FirstLhasaPlanReminder(shipped.Out));
            Assert.Equal(2, refused.Code);
            Assert.Contains("JSON", refused.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scenario);
            File.Delete(changed);
            File.Delete(broken);
        }
    }

    private static DateTimeOffset FirstLhasaPlanReminder(string json) => JsonNode.Parse(json)!["events"]!.AsArray()
        .Where(e => e!["notice"]?.GetValue<string>() == "reminder" && e["task"]?.GetValue<string>() == "annual-plan" && e["party"]?.GetValue<string>() == "拉萨市")
        .Select(e => DateTimeOffset.Parse(e!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))
        .Min();

    [Fact]
    public void Simulate_Table_ShowsTheYearAtAGlance()
    {
        var (code, stdout, _) = Run("simulate", "--year", "2016", "--format", "table", "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.Equal(0, code);
        Assert.Contains("2016年度主要污染物总量减排考核（模拟）", stdout, StringComparison.Ordinal);
        Assert.Contains("否决措施：无", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ScenarioTable_IsAllChinese()
    {
        var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--format", "table", "--scenario", Path.Combine(RepositoryRoot.Path, "docs", "examples", "scenario-2015.json"),
            "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.True(code == 0, stderr);
        var english = AsciiWord().Matches(stdout).Select(m => m.Value).Where(w => !AllowedWords.Contains(w)).Distinct().ToList();
        Assert.True(english.Count == 0, $"English in the table: {string.Join(", ", english)}\n{stdout}");
        Assert.Contains("周期状态：运行中", stdout, StringComparison.Ordinal);
        Assert.Contains("通知 督办函", stdout, StringComparison.Ordinal);
        Assert.Contains("阿里地区 → 西藏自治区监察厅", stdout, StringComparison.Ordinal);
        Assert.Contains("西藏自治区人民政府 同意", stdout, StringComparison.Ordinal);
        Assert.Contains("日喀则市 暂停新增主要污染物排放建设项目环评审批", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ScenarioTable_NamesPartiesAsOnEachLinesDate()
    {
        var parties = PartyDirectory.LoadDefault();
        var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--format", "table", "--scenario", Path.Combine(RepositoryRoot.Path, "docs", "examples", "scenario-2015.json"),
            "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.True(code == 0, stderr);
        var names = parties.Parties.SelectMany(p => p.Names.Select(n => (Party: p, n.Name))).ToList();
        foreach (var line in stdout.Split('\n'))
        {
            // Timeline lines name parties as on their own date; the results and sanctions as on the approval date.
            var on = DateOnly.TryParseExact(line.Length >= 10 ? line[..10] : line, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : new DateOnly(2015, 4, 28);
            foreach (var (party, name) in names.Where(n => line.Contains(n.Name, StringComparison.Ordinal)))
            {
                Assert.True(party.NameOn(on).Name == name, $"{name} is not {party.Id}'s name on {on:yyyy-MM-dd}: {line}");
            }
        }

        Assert.Contains("  林芝市 ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"prefectures": {"北京市": {}}}""", "北京市")]
    [InlineData("""{"prefectures": {"拉萨市": {"plan": {"submitAt": "soon"}}}}""", "submitAt")]
    [InlineData("""not json""", "JSON")]
    public void Simulate_InvalidScenario_Exit2WithMessageAndNoOutput(string scenario, string mentioned)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, scenario);
        try
        {
            var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--scenario", file, "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

            Assert.Equal(2, code);
            Assert.Empty(stdout);
            Assert.Contains(mentioned, stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Simulate_YearOutsidePlanPeriods_Exit2()
    {
        var (code, stdout, stderr) = Run("simulate", "--year", "2027", "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("2026", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_PartiesNational_RunsTheYearOverAll333Prefectures()
    {
        var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--parties", "national", "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("completed", json["cycleStatus"]!.GetValue<string>());
        var results = json["results"]!.AsArray();
        Assert.Equal(333, results.Count);
        Assert.All(results, r => Assert.StartsWith("测试省", r!["prefecture"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Simulate_PartiesFile_RunsOnThatDirectory()
    {
        var file = Path.GetTempFileName();
        try
        {
            var tibet = PartyDirectory.LoadDefault();
            var bodies = tibet.Parties.Where(p => p.Role != PartyRole.Prefecture).Select(p => new JsonObject
            {
                ["id"] = p.Id,
                ["role"] = PartyRoles.ToCode(p.Role),
                ["names"] = new JsonArray(new JsonObject { ["name"] = p.CurrentName.Name, ["issuingBody"] = p.CurrentName.IssuingBody, ["validFrom"] = "2000-01-01" }),
            });
            var prefecture = new JsonObject
            {
                ["id"] = "only",
                ["role"] = "prefecture",
                ["names"] = new JsonArray(new JsonObject { ["name"] = "唯一市", ["issuingBody"] = "唯一市人民政府", ["validFrom"] = "2000-01-01" }),
            };
            File.WriteAllText(file, new JsonObject { ["parties"] = new JsonArray([.. bodies, prefecture]) }.ToJsonString());

            var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--parties", file, "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

            Assert.True(code == 0, stderr);
            var results = JsonNode.Parse(stdout)!["results"]!.AsArray();
            Assert.Equal("唯一市", Assert.Single(results)!["prefecture"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Simulate_PartiesMissingFile_Exit2NamesThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-parties-{Guid.NewGuid():N}.json");

        var (code, stdout, stderr) = Run("simulate", "--year", "2015", "--parties", missing, "--workflows", Path.Combine(RepositoryRoot.Path, "workflows"));

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.Contains("national", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex("[A-Za-z]{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiWord();
}
