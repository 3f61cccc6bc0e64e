using Microsoft.EntityFrameworkCore;
using Reduction.Cli.Tests.Workflows;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Cli.Tests.Calendar;

/// <summary>`reduction calendar import FILE` on a fresh SQLite file and a fresh PostgreSQL database.</summary>
public sealed class CalendarImportCommandTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private const string National2027 = """
        {"source": "国办发明电〔2026〕1号",
         "years": {"2027": {"holidays": {"2027-01-01": "元旦", "2027-02-08": "春节", "2027-02-09": "春节"}, "workdays": {"2027-02-14": "春节"}}}}
        """;

    private const string LhasaLosar2027 = """
        {"years": {"2027": {"holidays": {"2027-03-08": "藏历新年", "2027-03-09": "藏历新年", "2027-03-10": "藏历新年"}, "workdays": {"2027-03-13": "藏历新年"}}}}
        """;

    private readonly SqliteTestDatabase _sqlite = new();
    private readonly TempFolder _files = new();

    public void Dispose()
    {
        _files.Dispose();
        _sqlite.Dispose();
    }

    private async Task<(string[] Args, WorkflowStorageOptions Options)> StoreAsync(string provider)
    {
        if (provider == "postgres")
        {
            var connection = await postgres.CreateDatabaseAsync();
            return (["--connection", connection], new WorkflowStorageOptions { PostgresConnectionString = connection });
        }

        return (["--data", _sqlite.FilePath], new WorkflowStorageOptions { SqliteConnectionString = _sqlite.ConnectionString });
    }

    private static CliResult Run(string[] store, params string[] args) => WorkflowCli.RunRaw(["calendar", "import", .. args, .. store]);

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    [Fact]
    public void Import_AnExcelWorkbook_StoresItsDays()
    {
        var path = Path.Combine(_files.Path, "national-2027.xlsx");
        File.WriteAllBytes(path, Reduction.Server.Calendar.CalendarWorkbook.Template());

        var imported = Run(["--data", _sqlite.FilePath], path);

        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("2027 年：休息日 1 天，调休上班 1 天，第 1 版", imported.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_NationalAndLhasa_StoredVersionedAndCountedByAnotherProcess(string provider)
    {
        var (store, options) = await StoreAsync(provider);

        var national = Run(store, _files.Write("national-2027.json", National2027));
        var lhasa = Run(store, _files.Write("lhasa-2027.json", LhasaLosar2027), "--prefecture", "拉萨市");
        var again = Run(store, _files.Write("national-2027.json", National2027));

        Assert.True(national.ExitCode == 0, national.Error);
        Assert.Contains("已导入国务院节假日安排：1 个年度已保存，0 个年度未变。", national.Output, StringComparison.Ordinal);
        Assert.Contains("2027 年：休息日 3 天，调休上班 1 天，第 1 版", national.Output, StringComparison.Ordinal);
        Assert.True(lhasa.ExitCode == 0, lhasa.Error);
        Assert.Contains("已导入拉萨市节假日安排", lhasa.Output, StringComparison.Ordinal);
        Assert.Contains("0 个年度已保存，1 个年度未变", again.Output, StringComparison.Ordinal);

        // A server process on the same database: its calendar counts with both once it applies the stored years.
        var server = new CalendarStore(new WorkflowDatabase(options), OfficialCalendar.LoadDefault(), PartyDirectory.LoadDefault());
        Assert.True(await server.RefreshAsync());
        Assert.Equal(D("2027-03-13"), DeadlineRule.Parse("workdays:+3").Resolve(new DeadlineContext(2027, D("2027-03-05"), "lhasa"), server.Calendar).DueDate);
        Assert.False(server.Calendar.IsWorkingDay(D("2027-02-08")));
        var history = await server.HistoryAsync(2027);
        Assert.All(history, h => Assert.StartsWith("cli:", h.ChangedBy, StringComparison.Ordinal));
        Assert.Equal(["cli lhasa-2027.json", "cli national-2027.json"], history.Select(h => h.Via));
    }

    [Theory]
    [InlineData("sqlite", "{\"years\": {\"2027\": {\"holidays\": {\"2026-12-31\": \"元旦\"}}}}", "2026-12-31 不属于 2027 年")]
    [InlineData("postgres", "{\"years\": {\"2027\": {\"holiday\": {}}}}", "未知的键“holiday”")]
    [InlineData("sqlite", "{\"years\": ", "不是有效的 JSON")]
    [InlineData("sqlite", "{\"years\": {}}", "没有任何年份")]
    public async Task Import_InvalidFile_Exit2WithTheErrorAndNothingStored(string provider, string content, string expected)
    {
        var (store, options) = await StoreAsync(provider);

        var result = Run(store, _files.Write("bad.json", content));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("节假日安排未导入", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        var database = new WorkflowDatabase(options);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.CalendarVersions.CountAsync());
    }

    [Theory]
    [InlineData("--layer", "moon")]
    [InlineData("--prefecture", "西藏自治区环境保护厅")]
    [InlineData("--layer", "prefecture")]
    public async Task Import_BadLayerOrPrefecture_Exit2(string option, string value)
    {
        var (store, _) = await StoreAsync("sqlite");

        var result = Run(store, _files.Write("lhasa.json", LhasaLosar2027), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("节假日安排未导入", result.Error, StringComparison.Ordinal);
    }
}
