using Microsoft.EntityFrameworkCore.Design;

namespace Reduction.Workflows.Persistence;

/// <summary>Lets the dotnet-ef tool build the SQLite context; in memory, so generating migrations leaves no file behind.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowDbContext>
{
    public SqliteWorkflowDbContext CreateDbContext(string[] args)
    {
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = "Data Source=:memory:" });
        return (SqliteWorkflowDbContext)database.CreateContext();
    }
}
