using Microsoft.EntityFrameworkCore.Design;
using Reduction.Workflows.Persistence;

namespace Reduction.Identity.Persistence;

/// <summary>Lets the dotnet-ef tool build the SQLite account context, in memory.</summary>
public sealed class SqliteAccountDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccountDbContext>
{
    public SqliteAccountDbContext CreateDbContext(string[] args) =>
        (SqliteAccountDbContext)new AccountDatabase(new WorkflowStorageOptions { SqliteConnectionString = "Data Source=:memory:" }).CreateContext();
}
