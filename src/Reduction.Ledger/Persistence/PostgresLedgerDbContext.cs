using Microsoft.EntityFrameworkCore;

namespace Reduction.Ledger.Persistence;

/// <summary>PostgreSQL flavour; tables in the `ledger` schema of the application database.</summary>
public sealed class PostgresLedgerDbContext(DbContextOptions<PostgresLedgerDbContext> options) : LedgerDbContext(options)
{
    public const string Schema = "ledger";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        base.OnModelCreating(modelBuilder);
    }
}
