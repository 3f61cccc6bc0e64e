using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Workflows.Persistence;

/// <summary>Creates contexts for the configured provider and opens the per-instance write lock.</summary>
public sealed class WorkflowDatabase
{
    private readonly DbContextOptions<PostgresWorkflowDbContext>? _postgres;
    private readonly DbContextOptions<SqliteWorkflowDbContext>? _sqlite;

    public WorkflowDatabase(WorkflowStorageOptions options, TimeProvider? time = null)
    {
        var audit = new AuditCommitInterceptor(!string.IsNullOrWhiteSpace(options.PostgresConnectionString), time ?? TimeProvider.System);
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            _postgres = new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
                .UseNpgsql(WithAutoPrepare(options.PostgresConnectionString), o => o.MigrationsHistoryTable("__ef_migrations", PostgresWorkflowDbContext.Schema))
                .AddInterceptors(audit)
                .Options;
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(options.SqliteConnectionString) { DefaultTimeout = 60, Pooling = true };
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (builder.DataSource != ":memory:" && !string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var sqlite = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
                .UseSqlite(builder.ToString())
                .AddInterceptors(audit);
            _sqlite = (options.SqliteSyncCommits ? sqlite : sqlite.AddInterceptors(new UnsyncedCommits())).Options;
        }
    }

    public bool IsPostgres => _postgres is not null;

    /// <summary>Lets Npgsql prepare the statements a connection runs repeatedly (the burst's lock, loads and updates), so
    /// PostgreSQL parses and plans them once per connection instead of on every call. Settings given in the connection
    /// string win.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public WorkflowDbContext CreateContext() =>
        _postgres is not null ? new PostgresWorkflowDbContext(_postgres) : new SqliteWorkflowDbContext(_sqlite!);

    /// <summary>Applies pending migrations (and SQLite's WAL mode), then adds the shipped plan periods the database
    /// lacks (<see cref="PlanPeriodStore"/>).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (!IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }

        await PlanPeriodStore.SeedAsync(this, PlanPeriodCatalog.LoadDefault(), DateTimeOffset.UtcNow, cancellationToken);
    }

    /// <summary>Begins a transaction holding the instance's write lock until commit: a row lock on PostgreSQL,
    /// the database write lock (BEGIN IMMEDIATE) on SQLite. Returns null when the instance does not exist.</summary>
    public async Task<InstanceRecord?> LockInstanceAsync(WorkflowDbContext db, Guid instanceId, CancellationToken cancellationToken)
    {
        await BeginWriteTransactionAsync(db, cancellationToken);
        if (IsPostgres)
        {
            return await db.Instances
                .FromSqlInterpolated($"SELECT * FROM workflows.workflow_instances WHERE \"Id\" = {instanceId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
        }

        return await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
    }

    /// <summary>As <see cref="LockInstanceAsync"/>, for the instance that owns a task; null when the task does not exist.</summary>
    public async Task<InstanceRecord?> LockInstanceOfTaskAsync(WorkflowDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        await BeginWriteTransactionAsync(db, cancellationToken);
        if (IsPostgres)
        {
            return await db.Instances
                .FromSqlInterpolated($"SELECT * FROM workflows.workflow_instances WHERE \"Id\" = (SELECT \"InstanceId\" FROM workflows.workflow_tasks WHERE \"Id\" = {taskId}) FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
        }

        return await db.Instances.Where(i => db.Tasks.Any(t => t.Id == taskId && t.InstanceId == i.Id)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Begins a write transaction (<see cref="WriteTransaction.BeginAsync"/>).</summary>
    public Task<IDbContextTransaction> BeginWriteTransactionAsync(WorkflowDbContext db, CancellationToken cancellationToken) =>
        WriteTransaction.BeginAsync(db, cancellationToken);
}

/// <summary>Commits without waiting for the disk (`PRAGMA synchronous=OFF` on every connection opened), for a throw-away
/// SQLite database: an application crash still loses nothing (the WAL is written), a power loss may lose the file.</summary>
internal sealed class UnsyncedCommits : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=OFF;";
        command.ExecuteNonQuery();
    }
}
