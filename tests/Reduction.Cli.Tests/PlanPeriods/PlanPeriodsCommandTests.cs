using Reduction.Cli.Tests.Workflows;
using Reduction.Domain.PlanPeriods;
using Reduction.Testing;

namespace Reduction.Cli.Tests.PlanPeriods;

/// <summary>`reduction plan-periods list|import` on a fresh SQLite file and a fresh PostgreSQL database.</summary>
public sealed class PlanPeriodsCommandTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();
    private readonly TempFolder _files = new();

    public void Dispose()
    {
        _files.Dispose();
        _sqlite.Dispose();
    }

    private async Task<string[]> StoreAsync(string provider) => provider == "postgres"
        ? ["--connection", await postgres.CreateDatabaseAsync()]
        : ["--data", _sqlite.FilePath];

    private static CliResult Run(string[] store, params string[] args) => WorkflowCli.RunRaw(["plan-periods", .. args, .. store]);

    private static string ShippedWith(Func<string, string> edit) => edit(PlanPeriodJson.WriteFile(PlanPeriodCatalog.LoadDefault().Periods));

    /// <summary>A 15th period (2026-2030) in the file format, made from the shipped 14th.</summary>
    private static string Fifteenth(int firstYear = 2026) => PlanPeriodJson.WriteFile([PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!])
        .Replace("14th-five-year-plan", "15th-five-year-plan", StringComparison.Ordinal)
        .Replace("“十四五”", "“十五五”", StringComparison.Ordinal)
        .Replace("\"firstYear\": 2021", $"\"firstYear\": {firstYear}", StringComparison.Ordinal)
        .Replace("\"lastYear\": 2025", "\"lastYear\": 2030", StringComparison.Ordinal)
        .Replace("\"baseYear\": 2020", $"\"baseYear\": {firstYear - 1}", StringComparison.Ordinal);

    private static PlanPeriodCatalog ListJson(string[] store)
    {
        var result = Run(store, "list", "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        return PlanPeriodCatalog.Parse(result.Output);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task List_FreshDatabase_ShowsTheSeededPeriodsWithCarriedOverMarkers(string provider)
    {
        var store = await StoreAsync(provider);

        var result = Run(store, "list");

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Error));
        Assert.Contains("14th-five-year-plan", result.Output, StringComparison.Ordinal);
        Assert.Contains("挥发性有机物（VOCs）", result.Output, StringComparison.Ordinal);
        Assert.Contains("国发〔2021〕33号《“十四五”节能减排综合工作方案》", result.Output, StringComparison.Ordinal);
        Assert.Contains("挥发性有机物（VOCs）排放量 = 工业源 + 城镇生活源 + 机动车 + 集中式污染治理设施", result.Output, StringComparison.Ordinal);
        Assert.Contains("待确认（沿用 12th-five-year-plan", result.Output, StringComparison.Ordinal);
        Assert.Contains("pollutants.VOCs.sectors", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_IsTheImportFormatWithCarriedOver()
    {
        var store = await StoreAsync("sqlite");

        var catalog = ListJson(store);

        Assert.Equal(["12th-five-year-plan", "13th-five-year-plan", "14th-five-year-plan"], catalog.Periods.Select(p => p.Id));
        Assert.Contains("thresholds.transmissionEffectiveRate", catalog.FindById("13th-five-year-plan")!.Unconfirmed);
    }

    [Fact]
    public async Task List_FreshDatabase_ShowsEachPeriodsMeasuresTitleAndTheCarriedOverOneUnconfirmed()
    {
        var store = await StoreAsync("sqlite");

        var result = Run(store, "list");
        var catalog = ListJson(store);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Error));
        Assert.Contains("  考核办法：《“十二五”主要污染物总量减排考核办法》", result.Output, StringComparison.Ordinal);
        Assert.Contains("measuresTitle", catalog.FindById("14th-five-year-plan")!.Unconfirmed);
        Assert.DoesNotContain("measuresTitle", catalog.FindById("12th-five-year-plan")!.Unconfirmed);
    }

    [Fact]
    public async Task Import_PeriodWithOwnMeasuresTitle_IsListedWithIt()
    {
        var store = await StoreAsync("sqlite");
        var file = _files.Write("fifteenth.json", Fifteenth().Replace(
            "\"measuresTitle\": \"《“十二五”主要污染物总量减排考核办法》\"", "\"measuresTitle\": \"《“十五五”测试考核办法》\"", StringComparison.Ordinal));

        var imported = Run(store, "import", file);
        var listed = Run(store, "list");

        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("  考核办法：《“十五五”测试考核办法》", listed.Output, StringComparison.Ordinal);
        Assert.Equal("《“十五五”测试考核办法》", ListJson(store).FindByYear(2027)!.MeasuresTitle);
    }

    [Fact]
    public async Task Import_PeriodWithoutMeasuresTitle_ExitsTwoNamingTheField()
    {
        var store = await StoreAsync("sqlite");
        var file = _files.Write("fifteenth.json", Fifteenth().Replace("\"measuresTitle\"", "\"title\"", StringComparison.Ordinal));

        var result = Run(store, "import", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("measuresTitle", result.Error, StringComparison.Ordinal);
        Assert.Null(ListJson(store).FindByYear(2027));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_NewPeriod_IsStoredAndListed(string provider)
    {
        var store = await StoreAsync(provider);
        var file = _files.Write("fifteenth.json", Fifteenth());

        var result = Run(store, "import", file);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Error));
        Assert.Contains("新增 / added 15th-five-year-plan", result.Output, StringComparison.Ordinal);
        Assert.Equal("15th-five-year-plan", ListJson(store).FindByYear(2027)?.Id);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_ConfirmingCarriedOverValues_ReplacesThePeriod(string provider)
    {
        var store = await StoreAsync(provider);
        var fourteenth = PlanPeriodJson.WriteFile([PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!]);
        var confirmed = fourteenth[..fourteenth.IndexOf(",\n      \"carriedOver\"", StringComparison.Ordinal)] + "\n    }\n  ]\n}";
        var file = _files.Write("confirmed.json", confirmed);

        var result = Run(store, "import", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("更新 / changed 14th-five-year-plan", result.Output, StringComparison.Ordinal);
        var stored = ListJson(store);
        Assert.Empty(stored.FindById("14th-five-year-plan")!.Unconfirmed);
        Assert.NotEmpty(stored.FindById("13th-five-year-plan")!.Unconfirmed);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_OverlappingAStoredPeriod_ExitsTwoAndStoresNothing(string provider)
    {
        var store = await StoreAsync(provider);
        var file = _files.Write("overlap.json", Fifteenth(firstYear: 2025));

        var result = Run(store, "import", file);

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Output));
        Assert.Contains("规划期“15th-five-year-plan”的年份（firstYear 2025）与规划期“14th-five-year-plan”（2021-2025）重叠", result.Error, StringComparison.Ordinal);
        Assert.Contains("plan period '15th-five-year-plan': firstYear 2025 overlaps", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, ListJson(store).Periods.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_UnknownPollutant_ExitsTwoNamingPeriodAndFieldAndStoresNothing(string provider)
    {
        var store = await StoreAsync(provider);
        var file = _files.Write("unknown.json", Fifteenth().Replace("\"code\": \"VOCs\"", "\"code\": \"PM2.5\"", StringComparison.Ordinal));

        var result = Run(store, "import", file);

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Output));
        Assert.Contains("规划期“15th-five-year-plan”", result.Error, StringComparison.Ordinal);
        Assert.Contains("planPeriods[0].pollutants[3].code 的污染物“PM2.5”未知", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown pollutant 'PM2.5'", result.Error, StringComparison.Ordinal);
        Assert.Null(ListJson(store).FindById("15th-five-year-plan"));
    }

    [Fact]
    public async Task Import_UnknownTargetKindInOneOfSeveral_ExitsTwoAndStoresNone()
    {
        var store = await StoreAsync("sqlite");
        var both = ShippedWith(json => json.Replace("\"changeVsBaseYearPercent\"", "\"changeVsBaseYear\"", StringComparison.Ordinal));
        var file = _files.Write("kinds.json", both);

        var result = Run(store, "import", file);

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Output));
        Assert.Contains("规划期“12th-five-year-plan”", result.Error, StringComparison.Ordinal);
        Assert.Contains("planPeriods[0].targetKinds[2] 的值“changeVsBaseYear”无效", result.Error, StringComparison.Ordinal);
        Assert.Equal(PlanPeriodJson.WriteFile(PlanPeriodCatalog.LoadDefault().Periods), PlanPeriodJson.WriteFile(ListJson(store).Periods));
    }

    [Fact]
    public async Task Import_MissingFile_ExitsTwo()
    {
        var store = await StoreAsync("sqlite");

        var result = Run(store, "import", Path.Combine(_files.Path, "none.json"));

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Output));
        Assert.StartsWith("规划期未导入 / plan periods not imported: 无法读取文件", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownFormat_ExitsTwo()
    {
        var store = await StoreAsync("sqlite");

        var result = Run(store, "list", "--format", "xml");

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Output));
        Assert.Contains("未知的输出格式“xml”", result.Error, StringComparison.Ordinal);
    }
}
