namespace Reduction.Workflows.Persistence;

/// <summary>One party as administrators keep it (table `party_records`): its names, contacts and signatory in the
/// stored-party format, replacing the shipped data file's entry when applied. Each change also leaves a
/// <see cref="PartyVersionRecord"/>.</summary>
public sealed class PartyRecord
{
    public required string PartyId { get; set; }

    /// <summary><c>{"names": [{name, issuingBody, validFrom, basis}], "contacts": [{name, email, admin}] | null,
    /// "signatory": {name, title} | null}</c>.</summary>
    public required string Json { get; set; }

    /// <summary>1 for the seed, then one more per change.</summary>
    public int Version { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
