namespace Reduction.Workflows.VersionMigration;

/// <summary>The per-instance outcome of a migration preview or of applying it.</summary>
public sealed record MigrationReport(int FromVersion, int ToVersion, IReadOnlyList<InstanceMigration> Instances);
