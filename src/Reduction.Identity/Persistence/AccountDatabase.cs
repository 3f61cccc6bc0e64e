using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Identity.Persistence;

/// <summary>Creates account contexts on the runtime's database (same PostgreSQL database in schema `identity`, or the
/// same SQLite file), so an account change and its audit entry commit in one transaction.</summary>
public sealed class AccountDatabase
{
    /// <summary>Its own history table: the runtime's migrations and these are applied independently.</summary>
    public const string HistoryTable = "__ef_migrations_identity";

    private readonly WorkflowStorageOptions _options;
    private readonly AuditCommitInterceptor _audit;

    public AccountDatabase(WorkflowStorageOptions options, TimeProvider? time = null)
    {
        _options = options;
        _audit = new AuditCommitInterceptor(IsPostgres, time ?? TimeProvider.System);
    }

    public bool IsPostgres => !string.IsNullOrWhiteSpace(_options.PostgresConnectionString);

    public AccountDbContext CreateContext() => IsPostgres
        ? new PostgresAccountDbContext(new DbContextOptionsBuilder<PostgresAccountDbContext>()
            .UseNpgsql(WorkflowDatabase.WithAutoPrepare(_options.PostgresConnectionString!), o => o.MigrationsHistoryTable(HistoryTable, PostgresAccountDbContext.Schema))
            .AddInterceptors(_audit)
            .Options)
        : new SqliteAccountDbContext(new DbContextOptionsBuilder<SqliteAccountDbContext>()
            .UseSqlite(SqliteConnectionString(), o => o.MigrationsHistoryTable(HistoryTable))
            .AddInterceptors(_audit)
            .Options);

    /// <summary>A context on a connection the caller already holds (and its transaction), for writes that must commit
    /// together with the runtime's.</summary>
    public AccountDbContext CreateContext(DbConnection connection) => IsPostgres
        ? new PostgresAccountDbContext(new DbContextOptionsBuilder<PostgresAccountDbContext>()
            .UseNpgsql(connection, o => o.MigrationsHistoryTable(HistoryTable, PostgresAccountDbContext.Schema))
            .AddInterceptors(_audit)
            .Options)
        : new SqliteAccountDbContext(new DbContextOptionsBuilder<SqliteAccountDbContext>()
            .UseSqlite(connection, o => o.MigrationsHistoryTable(HistoryTable))
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
