using System.Globalization;
using System.Text.Json;

namespace Reduction.Domain.Parties;

/// <summary>The parties of the cycle, loaded from a data file (the shipped one is Data/parties.json).</summary>
public sealed class PartyDirectory
{
    private const string DefaultResource = "Reduction.Domain.Data.parties.json";
    private static readonly Lazy<PartyDirectory> Default = new(() => Parse(ReadDefaultJson()));

    private readonly Dictionary<string, Party> _byId;
    private readonly Dictionary<string, Party> _byName;

    public PartyDirectory(IEnumerable<Party> parties)
    {
        Parties = parties.ToArray();
        _byId = new Dictionary<string, Party>(StringComparer.Ordinal);
        _byName = new Dictionary<string, Party>(StringComparer.Ordinal);
        foreach (var party in Parties)
        {
            if (!_byId.TryAdd(party.Id, party))
            {
                throw new ArgumentException($"单位标识“{party.Id}”重复 / duplicate party id '{party.Id}'", nameof(parties));
            }

            foreach (var name in party.Names)
            {
                if (_byName.TryGetValue(name.Name, out var other) && other != party)
                {
                    throw new ArgumentException(
                        $"名称“{name.Name}”同时属于“{other.Id}”和“{party.Id}” / name '{name.Name}' belongs to both '{other.Id}' and '{party.Id}'",
                        nameof(parties));
                }

                _byName[name.Name] = party;
            }
        }
    }

    public IReadOnlyList<Party> Parties { get; }

    /// <summary>The shipped directory (cached; the data is immutable).</summary>
    public static PartyDirectory LoadDefault() => Default.Value;

    /// <summary>Finds a party by any name it has borne (日喀则地区 and 日喀则市 are one party) or by its id.</summary>
    public Party? FindByName(string name) =>
        _byName.TryGetValue(name.Trim(), out var party) ? party : FindById(name.Trim());

    public Party? FindById(string id) => _byId.GetValueOrDefault(id);

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
}
