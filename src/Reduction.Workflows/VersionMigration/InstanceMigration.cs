namespace Reduction.Workflows.VersionMigration;

/// <summary>What a migration does to one instance (preview), or did (<see cref="Migrated"/> set by applying).</summary>
/// <param name="Reason">Why the instance cannot move (Chinese); null when it can.</param>
public sealed record InstanceMigration(Guid InstanceId, bool CanMigrate, string? Reason, IReadOnlyList<MigrationChange> Changes, bool? Migrated = null);
