using Microsoft.EntityFrameworkCore.Design;

namespace Reduction.Workflows.Persistence;

/// <summary>Lets the dotnet-ef tool build the PostgreSQL context. Goes through <see cref="WorkflowDatabase"/> so the
/// tool sees the app's options (history table in the `workflows` schema). Generating migrations never connects;
/// `dotnet ef database update --connection "..."` overrides the placeholder.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkflowDbContext>
{
    public PostgresWorkflowDbContext CreateDbContext(string[] args)
    {
        var database = new WorkflowDatabase(new WorkflowStorageOptions { PostgresConnectionString = "Host=127.0.0.1;Database=reduction;Username=postgres" });
        return (PostgresWorkflowDbContext)database.CreateContext();
    }
}
