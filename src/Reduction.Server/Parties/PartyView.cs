using System.Globalization;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Workflows.Parties;

namespace Reduction.Server.Parties;

/// <summary>The JSON of `GET /api/parties` and `GET /api/parties/{id}`: a party as in force, its names by date, the
/// addresses its notices go to (`contactsFrom`: `stored`, or `file` while none are stored), who signs, and its version.</summary>
public static class PartyView
{
    /// <summary>What a save says back: the version it made, or that nothing changed.</summary>
    public static string SavedMessage(PartyVersion saved) => saved.Unchanged
        ? string.Create(CultureInfo.InvariantCulture, $"内容未变，未生成新版本（仍为第 {saved.Version} 版）。")
        : string.Create(CultureInfo.InvariantCulture, $"已保存为第 {saved.Version} 版，已即时生效。");

    public static Dictionary<string, object?> Of(Party party, PartyDirectory parties, ContactDirectory? contacts, PartyVersion? current, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(parties);
        var stored = parties.StoredContactsOf(party.Id);
        return new Dictionary<string, object?>
        {
            ["id"] = party.Id,
            ["role"] = PartyRoles.ToCode(party.Role),
            ["roleName"] = PartyRoles.DisplayName(party.Role),
            ["name"] = party.NameOn(today).Name,
            ["issuingBody"] = party.NameOn(today).IssuingBody,
            ["names"] = party.Names.Select(n => new Dictionary<string, object?>
            {
                ["name"] = n.Name,
                ["issuingBody"] = n.IssuingBody,
                ["validFrom"] = Text(n.ValidFrom),
                ["basis"] = n.Basis,
            }).ToList(),
            ["contacts"] = (contacts?.For(party.Id) ?? []).Select(c => new Dictionary<string, object?>
            {
                ["name"] = c.NameOn(today),
                ["email"] = c.Email,
                ["admin"] = c.Admin,
            }).ToList(),
            ["contactsFrom"] = stored is null ? "file" : "stored",
            ["signatory"] = party.Signatory is { } s ? new Dictionary<string, object?> { ["name"] = s.Name, ["title"] = s.Title } : null,
            ["version"] = current?.Version,
            ["changedBy"] = current?.ChangedBy,
            ["changedAt"] = current?.ChangedAt,
        };
    }

    public static Dictionary<string, object?> Of(PartyVersion version) => new()
    {
        ["version"] = version.Version,
        ["change"] = version.Change,
        ["reason"] = version.Reason,
        ["via"] = version.Via,
        ["changedBy"] = version.ChangedBy,
        ["changedAt"] = version.ChangedAt,
    };

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
