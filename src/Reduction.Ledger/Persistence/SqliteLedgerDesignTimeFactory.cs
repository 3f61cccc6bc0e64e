using Microsoft.EntityFrameworkCore.Design;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger.Persistence;

/// <summary>Lets the dotnet-ef tool build the SQLite ledger context, in memory.</summary>
public sealed class SqliteLedgerDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLedgerDbContext>
{
    public SqliteLedgerDbContext CreateDbContext(string[] args) =>
        (SqliteLedgerDbContext)new LedgerDatabase(new WorkflowStorageOptions { SqliteConnectionString = "Data Source=:memory:" }).CreateContext();
}
