namespace Reduction.Ledger;

/// <summary>A ledger figure to store: a prefecture's tonnes of one pollutant from one sector in one year; with
/// <see cref="Enterprise"/> one key enterprise's share (empty for the prefecture's own figure).</summary>
public sealed record LedgerValue(string PrefectureId, int Year, string Pollutant, string Sector, string Enterprise, decimal Tonnes)
{
    public string Key => LedgerKeys.Entry(PrefectureId, Year, Pollutant, Sector, Enterprise);
}

/// <summary>A target to store: the kind's wire code and the value (tonnes for a cap, percent for a change).</summary>
public sealed record TargetValue(string PrefectureId, int Year, string Pollutant, string Kind, decimal Value)
{
    public string Key => LedgerKeys.Target(PrefectureId, Year, Pollutant);
}

/// <summary>A key project of the letter to store.</summary>
public sealed record KeyProjectValue(string PrefectureId, string Name, DateOnly DueDate, string? Note)
{
    public string Key => LedgerKeys.KeyProject(PrefectureId, Name);
}

/// <summary>Who makes a change, how and why; stamped on every value it changes.</summary>
public sealed record LedgerChange(string ChangedBy, string Source, string? Reason = null);

/// <summary>What a save did: values new to the store, values changed, values already as given.</summary>
public sealed record LedgerSaveCounts(int Added, int Changed, int Unchanged);

/// <summary>A stored value as read back, with its version and last change.</summary>
public sealed record LedgerStamp(int Version, string Source, string ChangedBy, DateTimeOffset ChangedAt, string? Reason);

/// <summary>A ledger line as stored.</summary>
public sealed record LedgerEntry(LedgerValue Value, LedgerStamp Stamp);

/// <summary>A target as stored.</summary>
public sealed record StoredTarget(TargetValue Value, LedgerStamp Stamp);

/// <summary>A key project as stored.</summary>
public sealed record StoredKeyProject(KeyProjectValue Value, LedgerStamp Stamp);

/// <summary>One saved state of a value, for its history.</summary>
public sealed record LedgerVersion(string Kind, string Key, int Version, string Value, LedgerStamp Stamp);
