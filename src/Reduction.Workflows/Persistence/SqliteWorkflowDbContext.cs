using Microsoft.EntityFrameworkCore;

namespace Reduction.Workflows.Persistence;

/// <summary>SQLite flavour: the embedded default when no connection string is configured.</summary>
public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    protected override bool StoresInstantsAsTicks => true;
}
