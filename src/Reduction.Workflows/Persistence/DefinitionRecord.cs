namespace Reduction.Workflows.Persistence;

/// <summary>A stored definition: the draft (Version 0) or an immutable published version.</summary>
public sealed class DefinitionRecord
{
    public long Id { get; set; }

    public required string DefinitionId { get; set; }

    /// <summary>0 for the draft; 1, 2, … for published versions.</summary>
    public int Version { get; set; }

    public required string Name { get; set; }

    public required string Json { get; set; }

    /// <summary>SHA-256 of the canonical JSON without the designer layout, to spot a publish that changes nothing.</summary>
    public required string Hash { get; set; }

    public bool IsLatest { get; set; }

    /// <summary>When the version was made, or when the draft was last saved.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The draft's concurrency stamp: new on every save and compared by the save itself, so of two saves
    /// of the same state only one lands.</summary>
    public Guid? Stamp { get; set; }

    /// <summary>Who saved the draft last, or who published the version (an account, or `system` for the server).</summary>
    public string? ChangedBy { get; set; }

    /// <summary>Where a version came from: <see cref="Definitions.DefinitionSources"/> (`file`, `designer`); null for
    /// versions published before sources were recorded.</summary>
    public string? Source { get; set; }

    /// <summary>The file name for `file`, the account for `designer`.</summary>
    public string? SourceName { get; set; }

    /// <summary>The publisher's change note.</summary>
    public string? Note { get; set; }

    /// <summary>SHA-256 of the file's bytes, for a version published from a file.</summary>
    public string? FileHash { get; set; }

    public bool IsDraft => Version == 0;
}
