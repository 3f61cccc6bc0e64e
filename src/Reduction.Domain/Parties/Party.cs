using System.Globalization;

namespace Reduction.Domain.Parties;

/// <summary>A body taking part in the cycle. Names change with dates (撤地设市); history keeps the old ones.</summary>
public sealed class Party
{
    public Party(string id, PartyRole role, IReadOnlyList<PartyName> names)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (names.Count == 0)
        {
            throw new ArgumentException($"单位“{id}”没有名称 / party '{id}' has no names", nameof(names));
        }

        Id = id;
        Role = role;
        Names = names.OrderBy(n => n.ValidFrom).ToArray();
    }

    /// <summary>Stable identifier, also the key of the party's working-day calendar.</summary>
    public string Id { get; }

    public PartyRole Role { get; }

    /// <summary>All names, oldest first.</summary>
    public IReadOnlyList<PartyName> Names { get; }

    /// <summary>The first day the party existed under any name.</summary>
    public DateOnly EstablishedOn => Names[0].ValidFrom;

    /// <summary>The current name.</summary>
    public PartyName CurrentName => Names[^1];

    public bool ExistsOn(DateOnly date) => date >= EstablishedOn;

    /// <summary>The name valid on <paramref name="date"/>; before the party existed, its first name.</summary>
    public PartyName NameOn(DateOnly date)
    {
        var result = Names[0];
        foreach (var name in Names)
        {
            if (name.ValidFrom <= date)
            {
                result = name;
            }
        }

        return result;
    }

    /// <summary>The party this one belongs to: a prefecture's <see cref="PartyRole.Province"/> in the national directory;
    /// null when the data file names none (the Tibet directory, whose region is itself the province).</summary>
    public string? ParentId { get; init; }

    /// <summary>The county-level units under a prefecture, by name. They are not parties: they get no tasks and no
    /// accounts, the prefecture breaks its targets down to them in its plan (article 3).</summary>
    public IReadOnlyList<string> Counties { get; init; } = [];

    /// <summary>Who signs the party's documents, when administrators have said so.</summary>
    public PartySignatory? Signatory { get; init; }

    /// <summary>The Chinese refusal for adding <paramref name="name"/> as a rename, or null: a name and an issuing
    /// body, different from the current name, valid from a date after the current name's.</summary>
    public string? CheckRename(PartyName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name.Name))
        {
            return "新名称不能为空。";
        }

        if (string.IsNullOrWhiteSpace(name.IssuingBody))
        {
            return "发文机关名称不能为空（如 阿里市人民政府）。";
        }

        if (name.Name.Length > MaxNameLength || name.IssuingBody.Length > MaxNameLength)
        {
            return $"名称和发文机关名称各不超过 {MaxNameLength} 个字符。";
        }

        if (name.Basis is { Length: > MaxBasisLength })
        {
            return $"更名依据不超过 {MaxBasisLength} 个字符。";
        }

        if (name.ValidFrom <= CurrentName.ValidFrom)
        {
            return string.Create(CultureInfo.InvariantCulture, $"生效日期 {name.ValidFrom:yyyy-MM-dd} 须晚于现有名称“{CurrentName.Name}”的生效日期 {CurrentName.ValidFrom:yyyy-MM-dd}（名称按日期先后排列，不能与已有名称重叠）。");
        }

        return string.Equals(name.Name, CurrentName.Name, StringComparison.Ordinal) && string.Equals(name.IssuingBody, CurrentName.IssuingBody, StringComparison.Ordinal)
            ? $"新名称与现用名称“{CurrentName.Name}”相同。"
            : null;
    }

    /// <summary>Longest name or issuing body kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest basis of a rename kept.</summary>
    public const int MaxBasisLength = 300;

    public bool HasName(string name) => Names.Any(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    public override string ToString() => $"{CurrentName.Name} ({Id})";
}
