namespace Reduction.Ledger.Persistence;

/// <summary>One earlier state of a ledger line, a target or a key project (table `ledger_versions`, append-only): what
/// it was set to, by whom, when, from which source and why, written when a change replaces it. The current state is the
/// row itself, so a value stored once has no version row. <see cref="Key"/> names the line as <see cref="LedgerKeys"/>
/// writes it.</summary>
public sealed class LedgerVersionRecord
{
    public long Id { get; set; }

    /// <summary>`ledger`, `target` or `key-project`.</summary>
    public required string Kind { get; set; }

    public required string Key { get; set; }

    public required string PrefectureId { get; set; }

    public int Version { get; set; }

    /// <summary>The value as it was stored: tonnes for a ledger line, `kind value` for a target, `due note` for a project.</summary>
    public required string Value { get; set; }

    public required string Source { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string? Reason { get; set; }
}
