using Microsoft.EntityFrameworkCore.Design;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger.Persistence;

/// <summary>Lets the dotnet-ef tool build the PostgreSQL ledger context; generating migrations never connects.</summary>
public sealed class PostgresLedgerDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLedgerDbContext>
{
    public PostgresLedgerDbContext CreateDbContext(string[] args) =>
        (PostgresLedgerDbContext)new LedgerDatabase(new WorkflowStorageOptions { PostgresConnectionString = "Host=127.0.0.1;Database=reduction;Username=postgres" }).CreateContext();
}
