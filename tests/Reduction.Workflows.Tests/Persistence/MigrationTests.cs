using Microsoft.EntityFrameworkCore;
using Npgsql;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Persistence;

public class MigrationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Regenerate = "entities changed without a migration: see src/Reduction.Workflows/Persistence/Migrations/README.md";

    [Fact]
    public async Task MigrateAsync_Postgres_CreatesEveryTableInWorkflowsSchema()
    {
        var database = new WorkflowDatabase(new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() });

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        var tables = await db.Database
            .SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = {PostgresWorkflowDbContext.Schema}")
            .ToListAsync();
        Assert.Superset(ModelTables(db).Append("__ef_migrations").ToHashSet(), tables.ToHashSet());
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_Sqlite_CreatesEveryTable()
    {
        using var file = new SqliteTestDatabase();
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = file.ConnectionString });

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        var tables = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.Superset(ModelTables(db).ToHashSet(), tables.ToHashSet());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_PostgresTwice_SecondIsNoOp()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await new WorkflowDatabase(new WorkflowStorageOptions { PostgresConnectionString = connectionString }).MigrateAsync();

        await new WorkflowDatabase(new WorkflowStorageOptions { PostgresConnectionString = connectionString }).MigrateAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM workflows.__ef_migrations", connection);
        using var design = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.Equal((long)design.Database.GetMigrations().Count(), await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_SqliteTwice_SecondIsNoOp()
    {
        using var file = new SqliteTestDatabase();
        await new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = file.ConnectionString }).MigrateAsync();
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = file.ConnectionString });

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public void Migrations_Postgres_MatchTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), Regenerate);
    }

    [Fact]
    public void Migrations_Sqlite_MatchTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), Regenerate);
    }

    private static IEnumerable<string> ModelTables(WorkflowDbContext db) =>
        db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct();
}
