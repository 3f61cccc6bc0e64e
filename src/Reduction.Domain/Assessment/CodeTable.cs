namespace Reduction.Domain.Assessment;

/// <summary>Wire codes and zh-CN display names of an enum; codes are a contract, so parsing is case-sensitive.</summary>
internal sealed class CodeTable<TEnum>
    where TEnum : struct, Enum
{
    private readonly (TEnum Value, string Code, string DisplayName)[] _entries;

    public CodeTable(params (TEnum Value, string Code, string DisplayName)[] entries)
    {
        _entries = entries;
        AllCodes = entries.Select(e => e.Code).ToArray();
    }

    public IReadOnlyList<string> AllCodes { get; }

    public string ToCode(TEnum value) => Find(value).Code;

    public string DisplayName(TEnum value) => Find(value).DisplayName;

    public bool TryParse(string? code, out TEnum value)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Code, code, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private (TEnum Value, string Code, string DisplayName) Find(TEnum value)
    {
        foreach (var entry in _entries)
        {
            if (EqualityComparer<TEnum>.Default.Equals(entry.Value, value))
            {
                return entry;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }
}
