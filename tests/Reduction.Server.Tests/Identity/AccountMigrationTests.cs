using Microsoft.EntityFrameworkCore;
using Reduction.Identity.Persistence;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Identity;

public sealed class AccountMigrationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Regenerate = "account entities changed without a migration: see src/Reduction.Identity/Persistence/Migrations/README.md";

    [Fact]
    public void Migrations_Postgres_MatchTheModel()
    {
        using var db = new PostgresAccountDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), Regenerate);
    }

    [Fact]
    public void Migrations_Sqlite_MatchTheModel()
    {
        using var db = new SqliteAccountDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), Regenerate);
    }

    [Fact]
    public async Task MigrateAsync_PostgresBesideTheRuntime_TablesInIdentitySchema_Twice()
    {
        var options = new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() };
        await new WorkflowDatabase(options).MigrateAsync();
        var accounts = new AccountDatabase(options);

        await accounts.MigrateAsync();
        await accounts.MigrateAsync();

        await using var db = accounts.CreateContext();
        var tables = await db.Database
            .SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = {PostgresAccountDbContext.Schema}")
            .ToListAsync();
        Assert.Contains("accounts", tables);
        Assert.Contains("api_keys", tables);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_SqliteBesideTheRuntime_OneFile()
    {
        using var file = new SqliteTestDatabase();
        var options = new WorkflowStorageOptions { SqliteConnectionString = file.ConnectionString };
        await new WorkflowDatabase(options).MigrateAsync();
        var accounts = new AccountDatabase(options);

        await accounts.MigrateAsync();

        await using var db = accounts.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
