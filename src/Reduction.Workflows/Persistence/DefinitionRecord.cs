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

    /// <summary>SHA-256 of the canonical JSON, to spot a publish that changes nothing.</summary>
    public required string Hash { get; set; }

    public bool IsLatest { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public bool IsDraft => Version == 0;
}
