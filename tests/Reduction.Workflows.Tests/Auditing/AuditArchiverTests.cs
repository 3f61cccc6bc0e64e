using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Auditing;

/// <summary>Retention on both providers: old entries move to an archive file that verifies on its own, the live chain
/// still verifies from the archive's anchor, rows deleted without an archive are found, and an archive within the
/// retention or one whose file cannot be written changes nothing.</summary>
public sealed class AuditArchiverTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(180);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = new("cli:tester", null, "cli");

    private readonly SqliteTestDatabase _sqlite = new();
    private readonly FakeTimeProvider _time = new(Now - TimeSpan.FromDays(200));

    public static TheoryData<string> Providers => new() { "postgres", "sqlite" };

    private string Folder => Path.Combine(_sqlite.DirectoryPath, "archive");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Archive_OldEntries_MovedToAFileThatVerifies_LiveChainStillVerifies(string provider)
    {
        var (database, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 5);
        _time.SetUtcNow(Now);
        await AppendAsync(log, 3);

        var result = await archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor);

        Assert.Equal((5L, 1L, 5L), (result.Count, result.First, result.Last));
        Assert.True(File.Exists(result.File));
        var file = await AuditArchiveFile.VerifyAsync(result.File!);
        Assert.True(file.Intact, file.Reason);
        Assert.Equal(5, file.Entries);
        Assert.Equal(result.FileSha256, file.FileSha256);
        Assert.Equal(6, File.ReadAllLines(result.File!).Length);
        var live = await log.VerifyAsync();
        Assert.True(live.Intact, live.Reason);
        Assert.Equal((4L, 5L), (live.Entries, live.Archived));
        var entries = await log.QueryAsync(new AuditQuery());
        Assert.Equal(Enumerable.Range(6, 4).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        var archive = Assert.Single(entries, e => e.Action == AuditArchiver.Action);
        Assert.Equal((Actor.User, Path.GetFileName(result.File)), (archive.User, archive.TargetId));
        await using var db = database.CreateContext();
        var record = await db.AuditArchives.SingleAsync();
        Assert.Equal((1L, 5L, file.Head!.LastHash, result.FileSha256), (record.FirstSequence, record.LastSequence, record.LastHash, record.FileSha256));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Archive_TwiceOverTime_ArchivesChainAndLiveLogVerify(string provider)
    {
        var (_, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 3);
        _time.SetUtcNow(Now);
        await AppendAsync(log, 2);
        var first = await archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor);

        _time.SetUtcNow(Now + TimeSpan.FromDays(400));
        await AppendAsync(log, 1);
        var second = await archiver.ArchiveAsync(_time.GetUtcNow() - Retention, Folder, Retention, Actor);

        Assert.Equal((1L, 3L), (first.First, first.Last));
        Assert.Equal((4L, 6L), (second.First, second.Last)); // the two entries, then the first archive's own entry
        var head = (await AuditArchiveFile.VerifyAsync(second.File!)).Head!;
        Assert.Equal((await AuditArchiveFile.VerifyAsync(first.File!)).Head!.LastHash, head.PreviousHash);
        var live = await log.VerifyAsync();
        Assert.True(live.Intact, live.Reason);
        Assert.Equal((2L, 6L), (live.Entries, live.Archived));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyArchive_AnEditedLine_BrokenAtThatEntry(string provider)
    {
        var (_, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 5);
        _time.SetUtcNow(Now);
        var result = await archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor);

        var lines = File.ReadAllLines(result.File!);
        lines[2] = lines[2].Replace("\"user3\"", "\"someone-else\"", StringComparison.Ordinal);
        File.WriteAllText(result.File!, string.Join('\n', lines) + "\n", new UTF8Encoding(false));

        var file = await AuditArchiveFile.VerifyAsync(result.File!);
        Assert.False(file.Intact);
        Assert.Equal(3, file.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyArchive_LastEntryLineRemoved_BrokenWhereItIsMissing(string provider)
    {
        var (_, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 4);
        _time.SetUtcNow(Now);
        var result = await archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor);

        var lines = File.ReadAllLines(result.File!).ToList();
        lines.RemoveAt(3);
        File.WriteAllText(result.File!, string.Join('\n', lines) + "\n", new UTF8Encoding(false));

        var file = await AuditArchiveFile.VerifyAsync(result.File!);
        Assert.False(file.Intact);
        Assert.Equal(4, file.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_OldestRowsDeletedWithoutAnArchive_BrokenAtTheFirstMissing(string provider)
    {
        var (database, log, _) = await OpenAsync(provider);
        await AppendAsync(log, 5);

        await using (var db = database.CreateContext())
        {
            await db.AuditLog.Where(r => r.Sequence <= 2).ExecuteDeleteAsync();
        }

        var result = await log.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(1, result.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ArchiveRecordDeletedAfterAnArchive_Broken(string provider)
    {
        var (database, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 3);
        _time.SetUtcNow(Now);
        await archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor);

        await using (var db = database.CreateContext())
        {
            await db.AuditArchives.ExecuteDeleteAsync();
        }

        var result = await log.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(1, result.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Archive_CutoffWithinTheRetention_RefusedAndNothingChanges(string provider)
    {
        var (_, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 3);
        _time.SetUtcNow(Now);

        var young = await Assert.ThrowsAsync<AuditRetentionException>(() => archiver.ArchiveAsync(Now - TimeSpan.FromDays(179), Folder, Retention, Actor));
        var shortRetention = await Assert.ThrowsAsync<AuditRetentionException>(() => archiver.ArchiveAsync(Now - TimeSpan.FromDays(190), Folder, TimeSpan.FromDays(30), Actor));
        var longerConfigured = await Assert.ThrowsAsync<AuditRetentionException>(() => archiver.ArchiveAsync(Now - TimeSpan.FromDays(190), Folder, TimeSpan.FromDays(365), Actor));

        Assert.Equal(Now - Retention, young.LatestCutoff);
        Assert.Contains("180", shortRetention.Message, StringComparison.Ordinal);
        Assert.Equal(Now - TimeSpan.FromDays(365), longerConfigured.LatestCutoff);
        Assert.False(Directory.Exists(Folder));
        var live = await log.VerifyAsync();
        Assert.Equal((true, 3L, 0L), (live.Intact, live.Entries, live.Archived));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Archive_FileCannotBeWritten_LiveTableIntact(string provider)
    {
        var (database, log, archiver) = await OpenAsync(provider);
        await AppendAsync(log, 3);
        _time.SetUtcNow(Now);

        // A folder below a regular file cannot be created, whoever runs the test.
        var blocker = Path.Combine(_sqlite.DirectoryPath, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        await Assert.ThrowsAnyAsync<IOException>(() => archiver.ArchiveAsync(Now - Retention, Path.Combine(blocker, "archive"), Retention, Actor));

        var live = await log.VerifyAsync();
        Assert.Equal((true, 3L, 0L), (live.Intact, live.Entries, live.Archived));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.AuditArchives.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Archive_NoEntryOldEnough_NoFileAndNoEntry(string provider)
    {
        var (_, log, archiver) = await OpenAsync(provider);
        _time.SetUtcNow(Now);
        await AppendAsync(log, 2);

        var result = await archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor);

        Assert.Equal(AuditArchiveResult.Nothing, result);
        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any());
        Assert.Equal(2, (await log.VerifyAsync()).Entries);
    }

    [Fact]
    public async Task Archive_AnEditedLiveEntry_RefusedAndNothingChanges()
    {
        var (database, log, archiver) = await OpenAsync("sqlite");
        await AppendAsync(log, 4);
        _time.SetUtcNow(Now);
        await using (var db = database.CreateContext())
        {
            await db.AuditLog.Where(r => r.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(r => r.User, "someone-else"));
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => archiver.ArchiveAsync(Now - Retention, Folder, Retention, Actor));

        Assert.Contains("entry 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Folder));
        Assert.Equal(4, (await log.QueryAsync(new AuditQuery())).Count);
    }

    public void Dispose() => _sqlite.Dispose();

    private static async Task AppendAsync(AuditLog log, int count)
    {
        var existing = (await log.QueryAsync(new AuditQuery(Take: 10_000))).Count;
        for (var i = existing + 1; i <= existing + count; i++)
        {
            await log.AppendAsync(new AuditEntry("user" + i, "lhasa", "10.0.0." + i, "test.append", "thing", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Detail: "第" + i + "条"));
        }
    }

    private async Task<(WorkflowDatabase Database, AuditLog Log, AuditArchiver Archiver)> OpenAsync(string provider)
    {
        var options = provider == "postgres"
            ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
            : new WorkflowStorageOptions { SqliteConnectionString = _sqlite.ConnectionString };
        var database = new WorkflowDatabase(options, _time);
        await database.MigrateAsync();
        return (database, new AuditLog(database, _time), new AuditArchiver(database, _time));
    }
}
