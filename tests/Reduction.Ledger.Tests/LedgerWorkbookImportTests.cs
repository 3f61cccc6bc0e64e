using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger.Persistence;
using Reduction.Ledger.Workbooks;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger.Tests;

/// <summary>The ledger import on both databases: nothing stored when one cell near the end of 10,000 rows is refused,
/// every line once at version 1 (no version rows) once fixed, and nothing added by the same workbook again.</summary>
public sealed class LedgerWorkbookImportTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly object?[] Header = ["地市", "年度", "污染物", "排放源", "企业名称", "排放量（吨）"];

    private static readonly LedgerChange Change = new("epb-operator", LedgerSources.Import);

    private readonly SqliteTestDatabase _file = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2017, 3, 20, 2, 0, 0, TimeSpan.Zero));

    private static WorkbookContext Context => new(PartyDirectory.LoadDefault(), PlanPeriodCatalog.LoadDefault());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARefusedCellNearTheEnd_NothingStored_FixedAllStoredOnce_AgainNothingAdded(string provider)
    {
        var options = provider == "postgres"
            ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
            : new WorkflowStorageOptions { SqliteConnectionString = _file.ConnectionString };
        var database = new LedgerDatabase(options, _time);
        await database.MigrateAsync();
        var store = new LedgerStore(database, _time);
        var rows = LedgerWorkbookReaderTests.TenThousandRows().ToList();
        rows[9000] = [.. rows[9000][..5], "12.5吨吨"];

        var (refused, none) = await LedgerWorkbookImport.ImportLedgerAsync(store, new TestWorkbook().Row(Header).Rows(rows).ToBytes(), Context, Change);

        Assert.Equal((9002, "F"), (Assert.Single(refused.Errors.Kept).Row, refused.Errors.Kept[0].Column));
        Assert.Null(none);
        Assert.Empty(await store.LedgerAsync(PartyScope.Everything));

        rows[9000] = [.. rows[9000][..5], 12.5];
        var workbook = new TestWorkbook().Row(Header).Rows(rows).ToBytes();
        var (read, counts) = await LedgerWorkbookImport.ImportLedgerAsync(store, workbook, Context, Change);
        var (_, again) = await LedgerWorkbookImport.ImportLedgerAsync(store, workbook, Context, Change);

        Assert.True(read.Ok);
        Assert.Equal(new LedgerSaveCounts(10_000, 0, 0), counts);
        Assert.Equal(new LedgerSaveCounts(0, 0, 10_000), again);
        var stored = await store.LedgerAsync(PartyScope.Everything);
        Assert.Equal(read.Values.OrderBy(v => v.Key, StringComparer.Ordinal), stored.Select(e => e.Value).OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.All(stored, e => Assert.Equal((1, LedgerSources.Import), (e.Stamp.Version, e.Stamp.Source)));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Versions.CountAsync());
    }

    public void Dispose() => _file.Dispose();
}
