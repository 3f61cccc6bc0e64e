namespace Reduction.Ledger.Persistence;

/// <summary>A prefecture's target for one pollutant and year as its responsibility letter sets it (table `targets`):
/// the kind's wire code (`cap-tonnes`, `change-vs-previous-year-percent`, ...) and the value.</summary>
public sealed class TargetRecord : IVersionedRecord
{
    public long Id { get; set; }

    public required string PrefectureId { get; set; }

    public int Year { get; set; }

    public required string Pollutant { get; set; }

    public required string Kind { get; set; }

    public decimal Value { get; set; }

    public int Version { get; set; }

    public required string Source { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string? Reason { get; set; }
}
