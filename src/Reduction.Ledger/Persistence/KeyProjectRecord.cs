namespace Reduction.Ledger.Persistence;

/// <summary>A key project of a prefecture's responsibility letter with the date it is due (table `key_projects`).</summary>
public sealed class KeyProjectRecord : IVersionedRecord
{
    public long Id { get; set; }

    public required string PrefectureId { get; set; }

    public required string Name { get; set; }

    public DateOnly DueDate { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }

    public required string Source { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string? Reason { get; set; }
}
