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

    public bool HasName(string name) => Names.Any(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    public override string ToString() => $"{CurrentName.Name} ({Id})";
}
