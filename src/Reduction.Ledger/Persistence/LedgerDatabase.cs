using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger.Persistence;

/// <summary>Creates ledger contexts on the runtime's database (same PostgreSQL database in schema `ledger`, or the
/// same SQLite file), so a change and its audit entry commit in one transaction.</summary>
public sealed class LedgerDatabase
{
    /// <summary>Its own history table: the runtime's migrations and these are applied independently.</summary>
    public const string HistoryTable = "__ef_migrations_ledger";

    private readonly WorkflowStorageOptions _options;
    private readonly AuditCommitInterceptor _audit;

    public LedgerDatabase(WorkflowStorageOptions options, TimeProvider? time = null)
    {
        _options = options;
        _audit = new AuditCommitInterceptor(IsPostgres, time ?? TimeProvider.System);
    }

    public bool IsPostgres => !string.IsNullOrWhiteSpace(_options.PostgresConnectionString);

    public LedgerDbContext CreateContext() => IsPostgres
        ? new PostgresLedgerDbContext(new DbContextOptionsBuilder<PostgresLedgerDbContext>()
            .UseNpgsql(WorkflowDatabase.WithAutoPrepare(_options.PostgresConnectionString!), o => o.MigrationsHistoryTable(HistoryTable, PostgresLedgerDbContext.Schema))
            .AddInterceptors(_audit)
            .Options)
        : new SqliteLedgerDbContext(new DbContextOptionsBuilder<SqliteLedgerDbContext>()
            .UseSqlite(SqliteConnectionString(), o => o.MigrationsHistoryTable(HistoryTable))
            .AddInterceptors(_audit)
            .Options);

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
    }

    private string SqliteConnectionString() =>
        new SqliteConnectionStringBuilder(_options.SqliteConnectionString) { DefaultTimeout = 60, Pooling = true }.ToString();
}
