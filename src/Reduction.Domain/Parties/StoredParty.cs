namespace Reduction.Domain.Parties;

/// <summary>What administrators keep of a party (applied through <see cref="PartyDirectory.ApplyStored"/>): its names,
/// replacing the shipped ones; its contacts (null: still those of the contacts file); who signs its documents.</summary>
public sealed record StoredParty(string Id, IReadOnlyList<PartyName> Names, IReadOnlyList<PartyContact>? Contacts, PartySignatory? Signatory);
