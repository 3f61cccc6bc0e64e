using Reduction.Domain.Parties;

namespace Reduction.Notifications.Contacts;

/// <summary>A registered e-mail address of a party (the office that handles reduction work).</summary>
/// <param name="PartyId">The party, as in Data/parties.json.</param>
/// <param name="Name">Display name as the contacts file gives it, e.g. 拉萨市环境保护局减排办.</param>
/// <param name="Email">The address task links and notices go to.</param>
/// <param name="Admin">Receives delivery alerts (dead letters).</param>
public sealed record Contact(string PartyId, string Name, string Email, bool Admin)
{
    /// <summary>The party, when <see cref="Name"/> begins with one of its names: the display name then follows the
    /// party's renames and only <see cref="Office"/> is kept from the file.</summary>
    public Party? Party { get; init; }

    /// <summary>What follows the party's name in <see cref="Name"/> (执法监察室 of 西藏自治区监察厅执法监察室).</summary>
    public string? Office { get; init; }

    /// <summary>Whether the office follows the party's issuing body (日喀则地区行署…) rather than its name (日喀则地区…).</summary>
    public bool UnderIssuingBody { get; init; }

    /// <summary>The display name on <paramref name="date"/>: the party part as the party was named that day, then the
    /// office (西藏自治区监察厅执法监察室 in 2015, 西藏自治区监察委员会执法监察室 in 2026).</summary>
    public string NameOn(DateOnly date)
    {
        if (Party is null || Office is null)
        {
            return Name;
        }

        var name = Party.NameOn(date);
        return (UnderIssuingBody ? name.IssuingBody : name.Name) + Office;
    }

    /// <summary>A contact of <paramref name="party"/> whose display name follows the party's names by date when
    /// <paramref name="name"/> begins with one of them (the longest that matches); null names the issuing body.</summary>
    public static Contact For(Party party, string? name, string email, bool admin)
    {
        if (name is not { Length: > 0 })
        {
            return new Contact(party.Id, party.CurrentName.IssuingBody, email, admin) { Party = party, Office = string.Empty, UnderIssuingBody = true };
        }

        var prefix = party.Names
            .SelectMany(n => new[] { (Text: n.Name, IssuingBody: false), (Text: n.IssuingBody, IssuingBody: true) })
            .Where(p => name.StartsWith(p.Text, StringComparison.Ordinal))
            .OrderByDescending(p => p.Text.Length)
            .ThenBy(p => p.IssuingBody)
            .FirstOrDefault();
        return prefix.Text is null
            ? new Contact(party.Id, name, email, admin)
            : new Contact(party.Id, name, email, admin) { Party = party, Office = name[prefix.Text.Length..], UnderIssuingBody = prefix.IssuingBody };
    }
}
