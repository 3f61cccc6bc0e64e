using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.VersionMigration;

/// <summary>Which instances of a definition to move from one published version to another, and how the activities
/// of the two versions correspond.</summary>
/// <param name="Instances">The instances to move; null for every unfinished instance on <paramref name="FromVersion"/>.</param>
/// <param name="Mapping">Source activity id to target activity id; activities not named here match by id.</param>
/// <param name="Party">Only instances with a task for this party (id or name).</param>
/// <param name="State">Only instances with this status.</param>
public sealed record MigrationRequest(
    string DefinitionId,
    int FromVersion,
    int ToVersion,
    IReadOnlyList<Guid>? Instances = null,
    IReadOnlyDictionary<string, string>? Mapping = null,
    string? Party = null,
    InstanceStatus? State = null)
{
    /// <summary>More instances than this in one explicit list are refused: a larger move is "all", with filters.</summary>
    public const int MaxListedInstances = 1000;
}
