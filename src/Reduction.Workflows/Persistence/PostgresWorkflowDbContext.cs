using Microsoft.EntityFrameworkCore;

namespace Reduction.Workflows.Persistence;

/// <summary>PostgreSQL flavour (production); tables in the `workflows` schema.</summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options)
{
    public const string Schema = "workflows";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        base.OnModelCreating(modelBuilder);
    }
}
