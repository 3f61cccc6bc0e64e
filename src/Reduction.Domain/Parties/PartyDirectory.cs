using System.Globalization;
using System.Text.Json;

namespace Reduction.Domain.Parties;

/// <summary>The parties of the cycle, loaded from a data file (the shipped one is Data/parties.json), with what
/// administrators keep on top (<see cref="ApplyStored"/>: renames, contacts, signatories). Reads see one consistent
/// snapshot and never block.</summary>
public sealed class PartyDirectory
{
    private const string DefaultResource = "Reduction.Domain.Data.parties.json";
    private static readonly Lazy<IReadOnlyList<Party>> Default = new(() => Parse(ReadDefaultJson()).Shipped);

    private readonly Lock _writeLock = new();
    private volatile Snapshot _snapshot;

    /// <exception cref="ArgumentException">Two parties share an id or a name.</exception>
    public PartyDirectory(IEnumerable<Party> parties)
    {
        Shipped = parties.ToArray();
        _snapshot = Snapshot.Of(Shipped, null, 0);
    }

    /// <summary>The parties in force: the shipped ones with the stored names and signatories applied.</summary>
    public IReadOnlyList<Party> Parties => _snapshot.Parties;

    /// <summary>The parties as the directory was built (the data file): the seed of the stored ones.</summary>
    public IReadOnlyList<Party> Shipped { get; }

    /// <summary>The stored parties last applied; null while none were.</summary>
    public IReadOnlyList<StoredParty>? Stored => _snapshot.Stored;

    /// <summary>Counts applications of <see cref="ApplyStored"/>, so caches built on the parties know when to rebuild.</summary>
    public int Revision => _snapshot.Revision;

    /// <summary>A new directory of the shipped parties (their data is immutable; what is applied stays in that instance).</summary>
    public static PartyDirectory LoadDefault() => new(Default.Value);

    /// <summary>Replaces what administrators keep, as a whole: a stored party's names and signatory replace the shipped
    /// ones; a stored id the data file does not know is ignored (a party's role comes from the data file).</summary>
    /// <exception cref="ArgumentException">A stored name belongs to two parties (nothing is applied).</exception>
    public void ApplyStored(IReadOnlyList<StoredParty> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_writeLock)
        {
            _snapshot = Snapshot.Of(Shipped, stored, _snapshot.Revision + 1);
        }
    }

    /// <summary>The stored contacts of a party; null when none are stored (the contacts file still decides).</summary>
    public IReadOnlyList<PartyContact>? StoredContactsOf(string partyId) => _snapshot.StoredById.GetValueOrDefault(partyId)?.Contacts;

    /// <summary>The Chinese refusal for renaming <paramref name="party"/> to <paramref name="name"/>, or null: the
    /// party's own rules (<see cref="Party.CheckRename"/>) and no other party bearing the name.</summary>
    public string? CheckRename(Party party, PartyName name)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(name);
        if (party.CheckRename(name) is { } error)
        {
            return error;
        }

        return FindByName(name.Name) is { } other && other.Id != party.Id ? $"名称“{name.Name}”已属于单位 {other.Id}（{other.CurrentName.Name}）。" : null;
    }

    /// <summary>Finds a party by any name it has borne (日喀则地区 and 日喀则市 are one party) or by its id.</summary>
    public Party? FindByName(string name) =>
        _snapshot.ByName.TryGetValue(name.Trim(), out var party) ? party : FindById(name.Trim());

    public Party? FindById(string id) => _snapshot.ById.GetValueOrDefault(id);

    public Party GetById(string id) =>
        FindById(id) ?? throw new KeyNotFoundException($"未知单位“{id}” / unknown party '{id}'");

    public IReadOnlyList<Party> WithRole(PartyRole role) => Parties.Where(p => p.Role == role).ToArray();

    /// <summary>The zh-CN name of a role on <paramref name="date"/>: the name its body bore that day
    /// (西藏自治区环境保护厅 in 2015, 西藏自治区生态环境厅 from November 2018); 地市 for the prefectures.</summary>
    public string RoleNameOn(PartyRole role, DateOnly date) =>
        role == PartyRole.Prefecture || Parties.FirstOrDefault(p => p.Role == role) is not { } body
            ? PartyRoles.DisplayName(role)
            : body.NameOn(date).Name;

    /// <summary><see cref="RoleNameOn(PartyRole, DateOnly)"/> by wire code; an unknown code is returned as is.</summary>
    public string RoleNameOn(string roleCode, DateOnly date) =>
        PartyRoles.TryParse(roleCode, out var role) ? RoleNameOn(role, date) : roleCode;

    /// <summary>The prefecture-level units that exist on <paramref name="date"/>, in data-file order.</summary>
    public IReadOnlyList<Party> PrefecturesOn(DateOnly date) =>
        Parties.Where(p => p.Role == PartyRole.Prefecture && p.ExistsOn(date)).ToArray();

    /// <summary>Parses the data-file format; errors name the entry and field.</summary>
    public static PartyDirectory Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var parties = new List<Party>();
        var index = 0;
        foreach (var element in document.RootElement.GetProperty("parties").EnumerateArray())
        {
            var id = RequiredString(element, "id", index);
            var roleCode = RequiredString(element, "role", index);
            if (!PartyRoles.TryParse(roleCode, out var role))
            {
                throw new FormatException($"parties[{index}]（{id}）的 role “{roleCode}” 无效 / parties[{index}] ({id}): invalid role '{roleCode}'");
            }

            var names = new List<PartyName>();
            foreach (var nameElement in element.GetProperty("names").EnumerateArray())
            {
                var validFromText = RequiredString(nameElement, "validFrom", index);
                if (!DateOnly.TryParseExact(validFromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validFrom))
                {
                    throw new FormatException($"parties[{index}]（{id}）的 validFrom “{validFromText}” 不是日期 / parties[{index}] ({id}): validFrom '{validFromText}' is not a date");
                }

                names.Add(new PartyName(
                    RequiredString(nameElement, "name", index),
                    RequiredString(nameElement, "issuingBody", index),
                    validFrom,
                    nameElement.TryGetProperty("basis", out var basis) ? basis.GetString() : null));
            }

            parties.Add(new Party(id, role, names));
            index++;
        }

        return new PartyDirectory(parties);
    }

    private static string RequiredString(JsonElement element, string property, int index) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new FormatException($"parties[{index}] 缺少 {property} / parties[{index}]: missing {property}");

    private static string ReadDefaultJson()
    {
        using var stream = DomainAssembly.Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"missing embedded resource {DefaultResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Immutable state; writers replace it whole.</summary>
    private sealed record Snapshot(
        IReadOnlyList<Party> Parties,
        Dictionary<string, Party> ById,
        Dictionary<string, Party> ByName,
        IReadOnlyList<StoredParty>? Stored,
        Dictionary<string, StoredParty> StoredById,
        int Revision)
    {
        public static Snapshot Of(IReadOnlyList<Party> shipped, IReadOnlyList<StoredParty>? stored, int revision)
        {
            var storedById = new Dictionary<string, StoredParty>(StringComparer.Ordinal);
            foreach (var entry in stored ?? [])
            {
                storedById[entry.Id] = entry;
            }

            var parties = shipped
                .Select(p => storedById.TryGetValue(p.Id, out var s) ? new Party(p.Id, p.Role, s.Names.Count > 0 ? s.Names : p.Names) { Signatory = s.Signatory } : p)
                .ToArray();
            var byId = new Dictionary<string, Party>(StringComparer.Ordinal);
            var byName = new Dictionary<string, Party>(StringComparer.Ordinal);
            foreach (var party in parties)
            {
                if (!byId.TryAdd(party.Id, party))
                {
                    throw new ArgumentException($"单位标识“{party.Id}”重复 / duplicate party id '{party.Id}'", nameof(shipped));
                }

                foreach (var name in party.Names)
                {
                    if (byName.TryGetValue(name.Name, out var other) && other != party)
                    {
                        throw new ArgumentException(
                            $"名称“{name.Name}”同时属于“{other.Id}”和“{party.Id}” / name '{name.Name}' belongs to both '{other.Id}' and '{party.Id}'",
                            nameof(shipped));
                    }

                    byName[name.Name] = party;
                }
            }

            return new Snapshot(parties, byId, byName, stored, storedById, revision);
        }
    }
}
