namespace Reduction.Ledger.Persistence;

/// <summary>The current figure of one ledger line (table `ledger_entries`): a prefecture's emissions of one pollutant
/// from one source sector in one year, or, with <see cref="Enterprise"/>, one key enterprise's share of it. Every
/// change moves the state it replaces to a row of `ledger_versions`.</summary>
public sealed class LedgerEntryRecord : IVersionedRecord
{
    public long Id { get; set; }

    public required string PrefectureId { get; set; }

    public int Year { get; set; }

    public required string Pollutant { get; set; }

    public required string Sector { get; set; }

    /// <summary>The key enterprise (国控企业) the figure belongs to; empty for the prefecture's sector figure.</summary>
    public required string Enterprise { get; set; }

    public decimal Tonnes { get; set; }

    public int Version { get; set; }

    /// <summary>How the current figure came in: <see cref="LedgerSources"/>.</summary>
    public required string Source { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string? Reason { get; set; }
}
