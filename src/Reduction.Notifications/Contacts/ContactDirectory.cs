using System.Text.Json;
using MimeKit;
using Reduction.Domain.Parties;

namespace Reduction.Notifications.Contacts;

/// <summary>Who receives a party's notices: the contacts file (`Notifications:ContactsFile`), a JSON object
/// `{ "contacts": [ { "party": "lhasa", "name": "…", "email": "…", "admin": false } ] }`. A name that begins with
/// one of the party's names keeps only its office part: the party part follows the party's name on the notice's date.</summary>
public sealed class ContactDirectory
{
    private readonly Dictionary<string, Contact[]> _byParty;

    public ContactDirectory(IEnumerable<Contact> contacts)
    {
        Contacts = contacts.ToArray();
        _byParty = Contacts.GroupBy(c => c.PartyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<Contact> Contacts { get; }

    /// <summary>The contacts marked as administrators.</summary>
    public IReadOnlyList<Contact> Admins => Contacts.Where(c => c.Admin).ToArray();

    public IReadOnlyList<Contact> For(string partyId) => _byParty.GetValueOrDefault(partyId) ?? [];

    /// <summary>Parses and checks a contacts file: every party must exist, every address must parse.</summary>
    /// <exception cref="FormatException">The message names the entry and field (zh-CN and English).</exception>
    public static ContactDirectory Parse(string json, PartyDirectory parties)
    {
        ContactsJson? file;
        try
        {
            file = JsonSerializer.Deserialize<ContactsJson>(json, new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                ReadCommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new FormatException($"联系人文件不是有效的 JSON / the contacts file is not valid JSON: {e.Message}", e);
        }

        var contacts = new List<Contact>();
        var index = 0;
        foreach (var entry in file?.Contacts ?? [])
        {
            var party = entry.Party is { Length: > 0 } id ? parties.FindByName(id) : null;
            if (party is null)
            {
                throw new FormatException($"contacts[{index}] 的单位“{entry.Party}”不存在 / contacts[{index}]: unknown party '{entry.Party}'");
            }

            if (entry.Email is null || !MailboxAddress.TryParse(entry.Email, out var address) || address.Address.IndexOf('@', StringComparison.Ordinal) < 1)
            {
                throw new FormatException($"contacts[{index}]（{party.Id}）的邮箱“{entry.Email}”无效 / contacts[{index}] ({party.Id}): invalid e-mail '{entry.Email}'");
            }

            contacts.Add(Contact.For(party, entry.Name, address.Address, entry.Admin));
            index++;
        }

        return new ContactDirectory(contacts);
    }

    private sealed class ContactsJson
    {
        public List<ContactJson>? Contacts { get; set; }
    }

    private sealed class ContactJson
    {
        public string? Party { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public bool Admin { get; set; }
    }
}
