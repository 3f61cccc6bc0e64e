namespace Reduction.Server.Workflows;

/// <summary>One published version: when and by whom, from where (`file` with the file name, `designer` with the
/// account), the change note, and how many instances it has by status (`running`, `completed`, …).</summary>
public sealed record VersionEntry(
    int Version,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    string? Source,
    string? SourceName,
    string? Note,
    bool IsLatest,
    IReadOnlyDictionary<string, int> Instances);
