using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Reduction.Workflows.Persistence;

/// <summary>The runtime's tables. Provider-specific subclasses carry their own migrations.</summary>
public abstract class WorkflowDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();

    public DbSet<ShippedFileRecord> ShippedFiles => Set<ShippedFileRecord>();

    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();

    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();

    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    public DbSet<TaskSubmissionRecord> TaskSubmissions => Set<TaskSubmissionRecord>();

    public DbSet<JournalRecord> Journal => Set<JournalRecord>();

    public DbSet<NoticeRecord> Notices => Set<NoticeRecord>();

    public DbSet<NoticeAttemptRecord> NoticeAttempts => Set<NoticeAttemptRecord>();

    public DbSet<EffectRecord> Effects => Set<EffectRecord>();

    public DbSet<TriggerFireRecord> TriggerFires => Set<TriggerFireRecord>();

    public DbSet<TaskLinkRecord> TaskLinks => Set<TaskLinkRecord>();

    public DbSet<DocumentCounterRecord> DocumentCounters => Set<DocumentCounterRecord>();

    public DbSet<IssuedDocumentRecord> IssuedDocuments => Set<IssuedDocumentRecord>();

    public DbSet<SanctionRecord> Sanctions => Set<SanctionRecord>();

    public DbSet<PlanPeriodRecord> PlanPeriods => Set<PlanPeriodRecord>();

    public DbSet<PlanPeriodVersionRecord> PlanPeriodVersions => Set<PlanPeriodVersionRecord>();

    public DbSet<CalendarArrangementRecord> CalendarArrangements => Set<CalendarArrangementRecord>();

    public DbSet<CalendarVersionRecord> CalendarVersions => Set<CalendarVersionRecord>();

    public DbSet<PartyRecord> PartyRecords => Set<PartyRecord>();

    public DbSet<PartyVersionRecord> PartyVersions => Set<PartyVersionRecord>();

    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    public DbSet<AuditChainHeadRecord> AuditChainHead => Set<AuditChainHeadRecord>();

    public DbSet<AuditArchiveRecord> AuditArchives => Set<AuditArchiveRecord>();

    /// <summary>True on SQLite, where instants are stored as UTC ticks so they compare and sort.</summary>
    protected virtual bool StoresInstantsAsTicks => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        if (StoresInstantsAsTicks)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<InstantTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("workflow_definitions");
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            e.HasIndex(d => new { d.DefinitionId, d.IsLatest });
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.Name).HasMaxLength(200);
            e.Property(d => d.Hash).HasMaxLength(64);
            e.Property(d => d.Stamp).IsConcurrencyToken();
            e.Property(d => d.ChangedBy).HasMaxLength(256);
            e.Property(d => d.Source).HasMaxLength(32);
            e.Property(d => d.SourceName).HasMaxLength(256);
            e.Property(d => d.Note).HasMaxLength(1000);
            e.Property(d => d.FileHash).HasMaxLength(64);
        });
        modelBuilder.Entity<ShippedFileRecord>(e =>
        {
            e.ToTable("workflow_shipped_files");
            e.HasKey(f => f.DefinitionId);
            e.Property(f => f.DefinitionId).HasMaxLength(100);
            e.Property(f => f.FileName).HasMaxLength(256);
            e.Property(f => f.FileHash).HasMaxLength(64);
        });
        modelBuilder.Entity<InstanceRecord>(e =>
        {
            e.ToTable("workflow_instances");
            e.Property(i => i.Revision).IsConcurrencyToken();
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.CorrelationKey).HasMaxLength(200);
            e.HasIndex(i => i.CorrelationKey).IsUnique();
            e.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion, i.Status });
            e.HasIndex(i => i.ParentInstanceId);
            e.HasIndex(i => new { i.Status, i.UpdatedAt });
        });
        modelBuilder.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("workflow_bookmarks");
            e.Property(b => b.Kind).HasMaxLength(32);
            e.Property(b => b.ActivityId).HasMaxLength(100);
            e.Property(b => b.Key).HasMaxLength(300);
            e.HasIndex(b => b.InstanceId);
            e.HasIndex(b => new { b.Kind, b.Key, b.ConsumedAt });
        });
        modelBuilder.Entity<TimerRecord>(e =>
        {
            e.ToTable("workflow_timers");
            e.Property(t => t.Purpose).HasMaxLength(32);
            e.Property(t => t.JobId).HasMaxLength(100);
            e.HasIndex(t => new { t.Status, t.DueAt });
            e.HasIndex(t => t.InstanceId);
            e.HasIndex(t => t.TaskId);
        });
        modelBuilder.Entity<TaskRecord>(e =>
        {
            e.ToTable("workflow_tasks");
            e.Property(t => t.Version).IsConcurrencyToken();
            e.Property(t => t.Kind).HasMaxLength(64);
            e.Property(t => t.ActivityId).HasMaxLength(100);
            e.Property(t => t.AssigneePartyId).HasMaxLength(100);
            e.HasIndex(t => t.InstanceId);
            e.HasIndex(t => new { t.AssigneePartyId, t.Status });
        });
        modelBuilder.Entity<TaskSubmissionRecord>(e =>
        {
            e.ToTable("workflow_task_submissions");
            e.HasIndex(s => new { s.TaskId, s.Revision }).IsUnique();
        });
        modelBuilder.Entity<JournalRecord>(e =>
        {
            e.ToTable("workflow_journal");
            e.Property(j => j.Event).HasMaxLength(64);
            e.HasIndex(j => new { j.InstanceId, j.Id });
        });
        modelBuilder.Entity<NoticeRecord>(e =>
        {
            e.ToTable("notice_outbox");
            e.Property(n => n.IdempotencyKey).HasMaxLength(300);
            e.Property(n => n.TemplateKey).HasMaxLength(64);
            e.Property(n => n.Subject).HasMaxLength(NoticeLimits.Subject);
            e.Property(n => n.Recipients).HasMaxLength(NoticeLimits.Recipients);
            e.HasIndex(n => n.IdempotencyKey).IsUnique();
            e.HasIndex(n => new { n.Status, n.NextAttemptAt });
            e.HasIndex(n => n.InstanceId);
            e.HasIndex(n => n.CreatedAt);
        });
        modelBuilder.Entity<NoticeAttemptRecord>(e =>
        {
            e.ToTable("notice_attempts");
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.Property(a => a.Detail).HasMaxLength(NoticeLimits.Detail);
            e.Property(a => a.By).HasMaxLength(256);
            e.HasIndex(a => new { a.NoticeId, a.At });
        });
        modelBuilder.Entity<EffectRecord>(e =>
        {
            e.ToTable("workflow_effects");
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.IdempotencyKey).HasMaxLength(300);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.Status, x.CreatedAt });
        });
        modelBuilder.Entity<SanctionRecord>(e =>
        {
            e.ToTable("sanctions");
            e.Property(x => x.IdempotencyKey).HasMaxLength(300);
            e.Property(x => x.PrefectureId).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.PrefectureId, x.Kind, x.StartsOn });
        });
        modelBuilder.Entity<TriggerFireRecord>(e =>
        {
            e.ToTable("workflow_trigger_fires");
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(300);
        });
        modelBuilder.Entity<TaskLinkRecord>(e =>
        {
            e.ToTable("task_links");
            e.Property(l => l.PartyId).HasMaxLength(100);
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.Property(l => l.Nonce).HasMaxLength(64);
            e.Property(l => l.RevokedReason).HasMaxLength(200);
            e.HasIndex(l => l.TokenHash).IsUnique();

            // At most one live link per task and party: issuing is idempotent even when two deliveries race.
            e.HasIndex(l => new { l.TaskId, l.PartyId }).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        });
        modelBuilder.Entity<DocumentCounterRecord>(e =>
        {
            e.ToTable("document_counters");
            e.HasKey(c => new { c.Issuer, c.Year });
            e.Property(c => c.Issuer).HasMaxLength(32);
        });
        modelBuilder.Entity<IssuedDocumentRecord>(e =>
        {
            e.ToTable("issued_documents");
            e.HasKey(d => d.NoticeId);
            e.Property(d => d.Issuer).HasMaxLength(32);
            e.Property(d => d.Number).HasMaxLength(64);
            e.HasIndex(d => new { d.Issuer, d.Year, d.Serial }).IsUnique();
        });
        modelBuilder.Entity<PlanPeriodRecord>(e =>
        {
            e.ToTable("plan_periods");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(100);
        });
        modelBuilder.Entity<PlanPeriodVersionRecord>(e =>
        {
            e.ToTable("plan_period_versions");
            e.Property(p => p.PeriodId).HasMaxLength(100);
            e.Property(p => p.Via).HasMaxLength(32);
            e.Property(p => p.ChangedBy).HasMaxLength(256);
            e.HasIndex(p => new { p.PeriodId, p.Version }).IsUnique();
        });
        modelBuilder.Entity<CalendarArrangementRecord>(e =>
        {
            e.ToTable("calendar_arrangements");
            e.HasKey(c => new { c.Layer, c.CalendarKey, c.Year });
            e.Property(c => c.CalendarKey).HasMaxLength(100);
            e.Property(c => c.Source).HasMaxLength(500);
            e.Property(c => c.ChangedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<CalendarVersionRecord>(e =>
        {
            e.ToTable("calendar_versions");
            e.Property(c => c.CalendarKey).HasMaxLength(100);
            e.Property(c => c.Source).HasMaxLength(500);
            e.Property(c => c.Via).HasMaxLength(300);
            e.Property(c => c.ChangedBy).HasMaxLength(256);
            e.HasIndex(c => new { c.Layer, c.CalendarKey, c.Year, c.Version }).IsUnique();
            e.HasIndex(c => c.Year);
        });
        modelBuilder.Entity<PartyRecord>(e =>
        {
            e.ToTable("party_records");
            e.HasKey(p => p.PartyId);
            e.Property(p => p.PartyId).HasMaxLength(100);
            e.Property(p => p.ChangedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<PartyVersionRecord>(e =>
        {
            e.ToTable("party_versions");
            e.Property(p => p.PartyId).HasMaxLength(100);
            e.Property(p => p.Change).HasMaxLength(32);
            e.Property(p => p.Reason).HasMaxLength(500);
            e.Property(p => p.Via).HasMaxLength(300);
            e.Property(p => p.ChangedBy).HasMaxLength(256);
            e.HasIndex(p => new { p.PartyId, p.Version }).IsUnique();
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.User).HasMaxLength(256);
            e.Property(a => a.Party).HasMaxLength(100);
            e.Property(a => a.Address).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.TargetKind).HasMaxLength(64);
            e.Property(a => a.TargetId).HasMaxLength(200);
            e.Property(a => a.Outcome).HasMaxLength(32);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.User, a.At });
            e.HasIndex(a => new { a.Action, a.At });
        });
        modelBuilder.Entity<AuditChainHeadRecord>(e =>
        {
            e.ToTable("audit_chain_head");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
            e.HasData(new AuditChainHeadRecord { Id = AuditChainHeadRecord.SingletonId, Sequence = 0, Hash = Auditing.AuditChain.Genesis });
        });
        modelBuilder.Entity<AuditArchiveRecord>(e =>
        {
            e.ToTable("audit_archives");
            e.HasKey(a => a.FirstSequence);
            e.Property(a => a.FirstSequence).ValueGeneratedNever();
            e.HasIndex(a => a.LastSequence).IsUnique();
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.LastHash).HasMaxLength(64);
            e.Property(a => a.FileName).HasMaxLength(260);
            e.Property(a => a.FileSha256).HasMaxLength(64);
        });
    }

    private sealed class InstantTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
