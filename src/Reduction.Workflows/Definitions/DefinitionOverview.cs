using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Definitions;

/// <summary>One definition as the definitions list shows it: its latest published version (null when only a draft
/// exists), the draft if there is one, every published version number (newest first) and how many instances each
/// version has by status.</summary>
public sealed record DefinitionOverview(
    string Id,
    string Name,
    int? LatestVersion,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    string? Source,
    string? SourceName,
    DraftInfo? Draft,
    IReadOnlyList<int> Versions,
    IReadOnlyDictionary<int, IReadOnlyDictionary<InstanceStatus, int>> Instances);
