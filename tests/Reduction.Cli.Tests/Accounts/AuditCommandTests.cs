using System.Globalization;
using System.Text;
using Reduction.Cli.Tests.Workflows;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Cli.Tests.Accounts;

/// <summary>`reduction audit archive` and `reduction audit verify --archive` on a temp SQLite file whose oldest entries
/// are dated a year back. One test sets `REDUCTION_Security__AuditRetention`, so the class runs alone
/// (<see cref="ProcessEnvironmentCollection"/>).</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AuditCommandTests : IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();

    private string Folder => Path.Combine(_sqlite.DirectoryPath, "archive");

    private static string OldEnough => DateTime.UtcNow.AddDays(-200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Archive_OldEntries_Exit0PrintsFileAndCount_ArchiveAndLiveLogVerify()
    {
        await SeedAsync(old: 4, recent: 2);

        var archived = WorkflowCli.RunRaw("audit", "archive", "--before", OldEnough, "--dir", Folder, "--data", _sqlite.FilePath);
        var file = Assert.Single(Directory.GetFiles(Folder));
        var archive = WorkflowCli.RunRaw("audit", "verify", "--archive", file);
        var live = WorkflowCli.RunRaw("audit", "verify", "--data", _sqlite.FilePath);

        Assert.True(archived.ExitCode == 0, archived.Error);
        Assert.Contains("已归档 4 条（第 1–4 条）", archived.Output, StringComparison.Ordinal);
        Assert.EndsWith(file + "\n", archived.Output, StringComparison.Ordinal);
        Assert.Equal(0, archive.ExitCode);
        Assert.Contains("审计归档完整：4 条", archive.Output, StringComparison.Ordinal);
        Assert.Equal(0, live.ExitCode);
        Assert.Contains("审计日志完整：3 条（另有 4 条已归档）", live.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyArchive_AnEditedLine_Exit1NamingTheEntry()
    {
        await SeedAsync(old: 3, recent: 0);
        Assert.Equal(0, WorkflowCli.RunRaw("audit", "archive", "--before", OldEnough, "--dir", Folder, "--data", _sqlite.FilePath).ExitCode);
        var file = Assert.Single(Directory.GetFiles(Folder));
        var lines = File.ReadAllLines(file);
        lines[1] = lines[1].Replace("\"test.old\"", "\"test.edited\"", StringComparison.Ordinal);
        File.WriteAllText(file, string.Join('\n', lines) + "\n", new UTF8Encoding(false));

        var result = WorkflowCli.RunRaw("audit", "verify", "--archive", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("审计归档第 2 条校验失败", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_DateWithinTheRetention_Exit2ChineseAndEnglish_NothingArchived()
    {
        await SeedAsync(old: 2, recent: 1);
        var young = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var result = WorkflowCli.RunRaw("audit", "archive", "--before", young, "--dir", Folder, "--data", _sqlite.FilePath);
        var live = WorkflowCli.RunRaw("audit", "verify", "--data", _sqlite.FilePath);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("保留期（180 天）之内", result.Error, StringComparison.Ordinal);
        Assert.Contains("within the audit retention of 180 days", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder));
        Assert.Contains("审计日志完整：3 条", live.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_RetentionConfiguredBelow180Days_Exit2()
    {
        await SeedAsync(old: 2, recent: 0);
        var previous = Environment.GetEnvironmentVariable("REDUCTION_Security__AuditRetention");
        Environment.SetEnvironmentVariable("REDUCTION_Security__AuditRetention", "30.00:00:00");
        CliResult result;
        try
        {
            result = WorkflowCli.RunRaw("audit", "archive", "--before", OldEnough, "--dir", Folder, "--data", _sqlite.FilePath);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDUCTION_Security__AuditRetention", previous);
        }

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("不得少于 180 天", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task Archive_FolderCannotBeCreated_Exit3_LiveLogUnchanged()
    {
        await SeedAsync(old: 2, recent: 0);
        var blocker = Path.Combine(_sqlite.DirectoryPath, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");

        var result = WorkflowCli.RunRaw("audit", "archive", "--before", OldEnough, "--dir", Path.Combine(blocker, "archive"), "--data", _sqlite.FilePath);
        var live = WorkflowCli.RunRaw("audit", "verify", "--data", _sqlite.FilePath);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("审计日志未改变", result.Error, StringComparison.Ordinal);
        Assert.Contains("审计日志完整：2 条", live.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _sqlite.Dispose();

    /// <summary>Entries a year old, then recent ones, written by the log itself so they chain as in production.</summary>
    private async Task SeedAsync(int old, int recent)
    {
        var clock = new SettableTime { Now = DateTimeOffset.UtcNow.AddDays(-365) };
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = _sqlite.ConnectionString }, clock);
        await database.MigrateAsync();
        var log = new AuditLog(database, clock);
        for (var i = 0; i < old + recent; i++)
        {
            clock.Now = i < old ? DateTimeOffset.UtcNow.AddDays(-365) : DateTimeOffset.UtcNow;
            await log.AppendAsync(new AuditEntry("zhaxi", "lhasa", "10.0.0.1", i < old ? "test.old" : "test.recent", "thing", i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
