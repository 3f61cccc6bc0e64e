using Reduction.Domain.Parties;

namespace Reduction.Workflows.Parties;

/// <summary>One saved change of a party: what changed, the party after it, and who, when, why and how.</summary>
/// <param name="Change">`seed`, `rename`, `contacts` or `signatory`.</param>
/// <param name="Unchanged">The change asked for left the party as it was: no version was added, and this is the
/// current one.</param>
public sealed record PartyVersion(
    string PartyId,
    int Version,
    string Change,
    StoredParty Party,
    string? Reason,
    string? Via,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    bool Unchanged = false);
