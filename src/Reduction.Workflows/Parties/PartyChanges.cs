namespace Reduction.Workflows.Parties;

/// <summary>What a party version changed, as stored in `party_versions.change`.</summary>
public static class PartyChanges
{
    /// <summary>First stored from the shipped data file and the contacts file.</summary>
    public const string Seed = "seed";

    public const string Rename = "rename";

    public const string Contacts = "contacts";

    public const string Signatory = "signatory";
}
