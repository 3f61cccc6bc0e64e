using Microsoft.EntityFrameworkCore;

namespace Reduction.Identity.Persistence;

/// <summary>PostgreSQL flavour; tables in the `identity` schema of the application database.</summary>
public sealed class PostgresAccountDbContext(DbContextOptions<PostgresAccountDbContext> options) : AccountDbContext(options)
{
    public const string Schema = "identity";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        base.OnModelCreating(builder);
    }
}
