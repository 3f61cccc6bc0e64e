using Microsoft.EntityFrameworkCore;

namespace Reduction.Ledger.Persistence;

/// <summary>The ledger, targets and key projects on the application database, with their own migrations.
/// Provider-specific subclasses carry them.</summary>
public abstract class LedgerDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LedgerEntryRecord> Entries => Set<LedgerEntryRecord>();

    public DbSet<TargetRecord> Targets => Set<TargetRecord>();

    public DbSet<KeyProjectRecord> KeyProjects => Set<KeyProjectRecord>();

    public DbSet<LedgerVersionRecord> Versions => Set<LedgerVersionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<LedgerEntryRecord>(e =>
        {
            e.ToTable("ledger_entries");
            e.Property(x => x.PrefectureId).HasMaxLength(100);
            e.Property(x => x.Pollutant).HasMaxLength(16);
            e.Property(x => x.Sector).HasMaxLength(32);
            e.Property(x => x.Enterprise).HasMaxLength(LedgerLimits.NameLength);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(LedgerLimits.ReasonLength);
            e.HasIndex(x => new { x.PrefectureId, x.Year, x.Pollutant, x.Sector, x.Enterprise }).IsUnique();
            e.HasIndex(x => x.Year);
        });
        modelBuilder.Entity<TargetRecord>(e =>
        {
            e.ToTable("targets");
            e.Property(x => x.PrefectureId).HasMaxLength(100);
            e.Property(x => x.Pollutant).HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(LedgerLimits.ReasonLength);
            e.HasIndex(x => new { x.PrefectureId, x.Year, x.Pollutant }).IsUnique();
            e.HasIndex(x => x.Year);
        });
        modelBuilder.Entity<KeyProjectRecord>(e =>
        {
            e.ToTable("key_projects");
            e.Property(x => x.PrefectureId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(LedgerLimits.NameLength);
            e.Property(x => x.Note).HasMaxLength(LedgerLimits.ReasonLength);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(LedgerLimits.ReasonLength);
            e.HasIndex(x => new { x.PrefectureId, x.Name }).IsUnique();
        });
        modelBuilder.Entity<LedgerVersionRecord>(e =>
        {
            e.ToTable("ledger_versions");
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Key).HasMaxLength(400);
            e.Property(x => x.PrefectureId).HasMaxLength(100);
            e.Property(x => x.Value).HasMaxLength(LedgerLimits.ReasonLength + 100);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(LedgerLimits.ReasonLength);
            e.HasIndex(x => new { x.Kind, x.Key, x.Version }).IsUnique();
        });
    }
}
