using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reduction.Domain.Parties;

namespace Reduction.Workflows.Parties;

/// <summary>The stored-party format of `party_records` and `party_versions`: names, contacts (null: the contacts file
/// still decides) and signatory, in camelCase JSON.</summary>
public static class StoredPartyJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(StoredParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return JsonSerializer.Serialize(
            new PartyJson(
                [.. party.Names.Select(n => new NameJson(n.Name, n.IssuingBody, n.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), n.Basis))],
                party.Contacts?.Select(c => new ContactJson(c.Name, c.Email, c.Admin)).ToList(),
                party.Signatory is { } s ? new SignatoryJson(s.Name, s.Title) : null),
            Options);
    }

    /// <exception cref="FormatException">The text is not in the stored-party format.</exception>
    public static StoredParty Read(string partyId, string json)
    {
        try
        {
            var party = JsonSerializer.Deserialize<PartyJson>(json, Options) ?? throw new FormatException("null");
            return new StoredParty(
                partyId,
                [.. (party.Names ?? []).Select(n => new PartyName(n.Name, n.IssuingBody, DateOnly.ParseExact(n.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture), n.Basis))],
                party.Contacts?.Select(c => new PartyContact(c.Name, c.Email, c.Admin)).ToList(),
                party.Signatory is { } s ? new PartySignatory(s.Name, s.Title) : null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new FormatException($"数据库中的单位“{partyId}”无法读取 / stored party '{partyId}' cannot be read: {e.Message}", e);
        }
    }

    private sealed record PartyJson(List<NameJson>? Names, List<ContactJson>? Contacts, SignatoryJson? Signatory);

    private sealed record NameJson(string Name, string IssuingBody, string ValidFrom, string? Basis);

    private sealed record ContactJson(string? Name, string Email, bool Admin);

    private sealed record SignatoryJson(string Name, string Title);
}
