namespace Reduction.Domain.Parties;

/// <summary>One name a party bore, with the body that signs its documents, valid from a date
/// until the party's next name takes over.</summary>
public sealed record PartyName(string Name, string IssuingBody, DateOnly ValidFrom, string? Basis = null);
