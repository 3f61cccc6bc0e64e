using System.Globalization;
using System.Text.Json;

namespace Reduction.Domain.Parties;

/// <summary>The parties of the cycle, loaded from a data file (the shipped ones are Data/parties.json, Tibet, the
/// default, and Data/parties-national.json, a synthetic national directory for scale runs), with what
/// administrators keep on top (<see cref="ApplyStored"/>: renames, contacts, signatories). Reads see one consistent
/// snapshot and never block.</summary>
public sealed class PartyDirectory
{
    /// <summary>The name of the shipped Tibet directory (Data/parties.json), the default.</summary>
    public const string Tibet = "tibet";

    /// <summary>The name of the shipped synthetic national directory (Data/parties-national.json).</summary>
    public const string National = "national";

    private static readonly Lazy<IReadOnlyList<Party>> Default = new(() => Parse(ReadResource("parties.json")).Shipped);
    private static readonly Lazy<IReadOnlyList<Party>> NationalParties = new(() => Parse(ReadResource("parties-national.json")).Shipped);

    private readonly Lock _writeLock = new();
    private volatile Snapshot _snapshot;

    /// <exception cref="ArgumentException">Two parties share an id or a name, or a parent or counties break the hierarchy.</exception>
    public PartyDirectory(IEnumerable<Party> parties)
    {
        Shipped = parties.ToArray();
        _snapshot = Snapshot.Of(Shipped, null, 0);
        if (HierarchyError(_snapshot.ById) is { } error)
        {
            throw new ArgumentException(error, nameof(parties));
        }
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

    /// <summary>A new directory from <paramref name="source"/>: <see cref="Tibet"/> (also when null or empty),
    /// <see cref="National"/>, or the path of a data file in the format of parties.json.</summary>
    /// <exception cref="FileNotFoundException">The path names no file.</exception>
    /// <exception cref="FormatException">The file is not a valid directory (the message names the file and the entry).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static PartyDirectory Load(string? source)
    {
        var trimmed = source?.Trim();
        if (string.IsNullOrEmpty(trimmed) || string.Equals(trimmed, Tibet, StringComparison.OrdinalIgnoreCase))
        {
            return LoadDefault();
        }

        if (string.Equals(trimmed, National, StringComparison.OrdinalIgnoreCase))
        {
            return new(NationalParties.Value);
        }

        var path = Path.GetFullPath(trimmed);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"单位目录文件“{path}”不存在（可用 {Tibet}、{National} 或数据文件路径） / party directory file '{path}' not found (expected {Tibet}, {National} or the path of a data file)",
                path);
        }

        var json = File.ReadAllText(path);
        try
        {
            return Parse(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"单位目录文件“{path}”无效 / party directory file '{path}' is invalid: {e.Message}", e);
        }
    }

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
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("parties", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("缺少 parties 数组 / missing the parties array");
        }

        foreach (var element in entries.EnumerateArray())
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

            var counties = new List<string>();
            if (element.TryGetProperty("counties", out var countiesElement))
            {
                foreach (var county in countiesElement.EnumerateArray())
                {
                    counties.Add(county.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(county.GetString())
                        ? county.GetString()!
                        : throw new FormatException($"parties[{index}]（{id}）的 counties 含空名称 / parties[{index}] ({id}): counties holds an empty name"));
                }
            }

            parties.Add(new Party(id, role, names)
            {
                ParentId = element.TryGetProperty("parent", out _) ? RequiredString(element, "parent", index) : null,
                Counties = counties,
            });
            index++;
        }

        return new PartyDirectory(parties);
    }

    private static string RequiredString(JsonElement element, string property, int index) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new FormatException($"parties[{index}] 缺少 {property} / parties[{index}]: missing {property}");

    /// <summary>Null when parents are provinces and only prefectures have them, and only prefectures have counties, each
    /// named once; otherwise what is wrong.</summary>
    private static string? HierarchyError(Dictionary<string, Party> byId)
    {
        foreach (var party in byId.Values)
        {
            if (party.ParentId is { } parentId)
            {
                if (party.Role != PartyRole.Prefecture)
                {
                    return $"单位“{party.Id}”不是地市，不能有上级 / party '{party.Id}' is no prefecture and cannot have a parent";
                }

                if (!byId.TryGetValue(parentId, out var parent) || parent.Role != PartyRole.Province)
                {
                    return $"单位“{party.Id}”的上级“{parentId}”不是省级行政区 / parent '{parentId}' of '{party.Id}' is no province";
                }
            }

            if (party.Counties.Count > 0 && party.Role != PartyRole.Prefecture)
            {
                return $"单位“{party.Id}”不是地市，不能有县 / party '{party.Id}' is no prefecture and cannot have counties";
            }

            if (party.Counties.Distinct(StringComparer.Ordinal).Count() != party.Counties.Count)
            {
                return $"单位“{party.Id}”的县名称重复 / party '{party.Id}' names a county twice";
            }
        }

        return null;
    }

    private static string ReadResource(string file)
    {
        var resource = $"Reduction.Domain.Data.{file}";
        using var stream = DomainAssembly.Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
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
                .Select(p => storedById.TryGetValue(p.Id, out var s)
                    ? new Party(p.Id, p.Role, s.Names.Count > 0 ? s.Names : p.Names) { Signatory = s.Signatory, ParentId = p.ParentId, Counties = p.Counties }
                    : p)
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
