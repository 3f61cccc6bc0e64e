namespace Reduction.Workflows.Persistence;

/// <summary>One saved change of a party (table `party_versions`, append-only): who, when, why and the party as it
/// was then. The highest <see cref="Id"/> with the row count is the directory's version counter.</summary>
public sealed class PartyVersionRecord
{
    public long Id { get; set; }

    public required string PartyId { get; set; }

    public int Version { get; set; }

    /// <summary>What changed: `seed`, `rename`, `contacts`, `signatory`.</summary>
    public required string Change { get; set; }

    /// <summary>The party after the change, in the format of <see cref="PartyRecord.Json"/>.</summary>
    public required string Json { get; set; }

    public string? Reason { get; set; }

    /// <summary>How it came: `seed`, `api`, `console`.</summary>
    public string? Via { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
