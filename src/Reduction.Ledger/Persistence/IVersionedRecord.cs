namespace Reduction.Ledger.Persistence;

/// <summary>What every stored ledger value carries beside its figure: its version and its last change (who, when,
/// from which source, why). <see cref="LedgerVersionRecord"/> keeps the earlier ones.</summary>
public interface IVersionedRecord
{
    int Version { get; set; }

    /// <summary>How the current value came in: <see cref="LedgerSources"/>.</summary>
    string Source { get; set; }

    string ChangedBy { get; set; }

    DateTimeOffset ChangedAt { get; set; }

    string? Reason { get; set; }
}
