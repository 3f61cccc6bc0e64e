using Microsoft.EntityFrameworkCore;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Auditing;

/// <summary>The audit log's chain on both providers: intact after appends (also concurrent ones), and an edited, a
/// deleted or a removed newest entry is found and named; entries of an action commit or roll back with it.</summary>
public sealed class AuditLogTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();

    public static TheoryData<string> Providers => new() { "postgres", "sqlite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_AfterAppends_Intact(string provider)
    {
        var (database, log) = await OpenAsync(provider);

        await AppendAsync(log, 5);

        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(5, result.Entries);
        _ = database;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_AnEditedEntry_BrokenAtThatEntry(string provider)
    {
        var (database, log) = await OpenAsync(provider);
        await AppendAsync(log, 5);

        await using (var db = database.CreateContext())
        {
            await db.AuditLog.Where(r => r.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, "success-edited"));
        }

        var result = await log.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ADeletedEntry_BrokenWhereItIsMissing(string provider)
    {
        var (database, log) = await OpenAsync(provider);
        await AppendAsync(log, 5);

        await using (var db = database.CreateContext())
        {
            await db.AuditLog.Where(r => r.Sequence == 2).ExecuteDeleteAsync();
        }

        var result = await log.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_TheNewestEntryDeleted_BrokenAtIt(string provider)
    {
        var (database, log) = await OpenAsync(provider);
        await AppendAsync(log, 4);

        await using (var db = database.CreateContext())
        {
            await db.AuditLog.Where(r => r.Sequence == 4).ExecuteDeleteAsync();
        }

        var result = await log.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Scope_CommittedTransaction_EntryWrittenOnce_RolledBackTransaction_NoEntry(string provider)
    {
        var (database, log) = await OpenAsync(provider);

        using (AuditScope.Record(new AuditEntry("tester", "epb", "10.0.0.1", "test.rolled-back", "thing", "1")))
        {
            await using var db = database.CreateContext();
            await using var transaction = await database.BeginWriteTransactionAsync(db, default);
            db.TriggerFires.Add(new TriggerFireRecord { Key = "rolled-back" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            Assert.False(AuditScope.IsCommitted);
        }

        using (AuditScope.Record(new AuditEntry("tester", "epb", "10.0.0.1", "test.committed", "thing", "2")))
        {
            for (var i = 0; i < 2; i++)
            {
                await using var db = database.CreateContext();
                await using var transaction = await database.BeginWriteTransactionAsync(db, default);
                db.TriggerFires.Add(new TriggerFireRecord { Key = "committed-" + i });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            Assert.True(AuditScope.IsCommitted);
            Assert.False(await log.FlushAsync(AuditOutcomes.Failure));
        }

        var entries = await log.QueryAsync(new AuditQuery());
        Assert.Equal(["test.committed"], entries.Select(e => e.Action));
        Assert.True((await log.VerifyAsync()).Intact);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Flush_NothingCommitted_WritesWithTheOutcome(string provider)
    {
        var (_, log) = await OpenAsync(provider);

        using (AuditScope.Record(new AuditEntry("tester", null, null, "task.complete", "task", "3")))
        {
            Assert.True(await log.FlushAsync(AuditOutcomes.Failure));
        }

        var entry = Assert.Single(await log.QueryAsync(new AuditQuery()));
        Assert.Equal(AuditOutcomes.Failure, entry.Outcome);
    }

    [Fact]
    public async Task Append_ConcurrentWriters_GaplessSequenceAndIntactChain()
    {
        var (_, log) = await OpenAsync("postgres");

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => log.AppendAsync(new AuditEntry("u" + i, null, null, "test.concurrent", null, null)))));

        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(24, result.Entries);
    }

    public void Dispose() => _sqlite.Dispose();

    private static async Task AppendAsync(AuditLog log, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(new AuditEntry("user" + i, "lhasa", "10.0.0." + i, "test.append", "thing", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Detail: "第" + i + "条"));
        }
    }

    private async Task<(WorkflowDatabase Database, AuditLog Log)> OpenAsync(string provider)
    {
        var options = provider == "postgres"
            ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
            : new WorkflowStorageOptions { SqliteConnectionString = _sqlite.ConnectionString };
        var database = new WorkflowDatabase(options);
        await database.MigrateAsync();
        return (database, new AuditLog(database, TimeProvider.System));
    }
}
