namespace Reduction.Notifications.Contacts;

/// <summary>A registered e-mail address of a party (the office that handles reduction work).</summary>
/// <param name="PartyId">The party, as in Data/parties.json.</param>
/// <param name="Name">Display name, e.g. 拉萨市环境保护局减排办.</param>
/// <param name="Email">The address task links and notices go to.</param>
/// <param name="Admin">Receives delivery alerts (dead letters).</param>
public sealed record Contact(string PartyId, string Name, string Email, bool Admin);
