namespace Reduction.Workflows.VersionMigration;

/// <summary>One thing a migration does (or would do) to an instance: <see cref="Kind"/> is a code from
/// <see cref="MigrationChangeKinds"/>, <see cref="Message"/> the Chinese sentence users read (dates in Beijing time),
/// <see cref="Old"/> and <see cref="New"/> the values before and after where they apply (instants as ISO 8601 in
/// Beijing time, activity ids, versions).</summary>
public sealed record MigrationChange(
    string Kind,
    string Message,
    string? ActivityId = null,
    Guid? TaskId = null,
    string? Party = null,
    string? Old = null,
    string? New = null);
