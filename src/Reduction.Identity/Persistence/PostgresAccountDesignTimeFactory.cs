using Microsoft.EntityFrameworkCore.Design;
using Reduction.Workflows.Persistence;

namespace Reduction.Identity.Persistence;

/// <summary>Lets the dotnet-ef tool build the PostgreSQL account context; generating migrations never connects.</summary>
public sealed class PostgresAccountDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAccountDbContext>
{
    public PostgresAccountDbContext CreateDbContext(string[] args) =>
        (PostgresAccountDbContext)new AccountDatabase(new WorkflowStorageOptions { PostgresConnectionString = "Host=127.0.0.1;Database=reduction;Username=postgres" }).CreateContext();
}
