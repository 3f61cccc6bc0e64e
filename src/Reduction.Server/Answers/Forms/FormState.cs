using System.Globalization;
using System.Text.RegularExpressions;

namespace Reduction.Server.Answers.Forms;

/// <summary>What a form shows: the values as typed (kept on errors) and a zh-CN message beside each field in error.</summary>
public sealed partial class FormState
{
    /// <summary>Errors that belong to no single field; shown above the form.</summary>
    public const string General = "";

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows shown before (posted back in `rows.{group}`), plus one where "add a row" was pressed.</summary>
    public Dictionary<string, int> ShownRows { get; } = new(StringComparer.Ordinal);

    /// <summary>The most rows each group may show (the form's <see cref="FormLimits"/>).</summary>
    public Dictionary<string, int> MaxRows { get; } = new(StringComparer.Ordinal);

    public bool HasErrors => Errors.Count > 0;

    public string Value(string name) => Values.GetValueOrDefault(name) ?? string.Empty;

    public string? Error(string name) => Errors.GetValueOrDefault(name);

    public bool Is(string name, string value) => string.Equals(Value(name), value, StringComparison.Ordinal);

    /// <summary>Records the first error of a field.</summary>
    public void Fail(string name, string message) => Errors.TryAdd(name, message);

    /// <summary>How many rows of group <paramref name="group"/> (fields `group[i].x`) to show: the filled ones plus
    /// one spare, at least <paramref name="minimum"/>, never fewer than were shown or requested, never more than
    /// <see cref="MaxRows"/>.</summary>
    public int Rows(string group, int minimum)
    {
        var highest = -1;
        foreach (var name in Values.Keys)
        {
            if (name.StartsWith(group + "[", StringComparison.Ordinal) && RowIndex().Match(name[group.Length..]) is { Success: true } match
                && Values[name].Length > 0)
            {
                highest = Math.Max(highest, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        var rows = Math.Max(Math.Max(minimum, highest + 2), ShownRows.GetValueOrDefault(group));
        return MaxRows.TryGetValue(group, out var max) ? Math.Min(rows, max) : rows;
    }

    /// <summary>Where the errors of a repeating group as a whole go (too many rows).</summary>
    public static string RowsKey(string group) => $"rows.{group}";

    /// <summary>Indices of the rows of <paramref name="group"/> that have any value, in order.</summary>
    public IReadOnlyList<int> FilledRows(string group)
    {
        var rows = new SortedSet<int>();
        foreach (var (name, value) in Values)
        {
            if (value.Length > 0 && name.StartsWith(group + "[", StringComparison.Ordinal) && RowIndex().Match(name[group.Length..]) is { Success: true } match)
            {
                rows.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        return [.. rows];
    }

    public static string Row(string group, int index, string field) => string.Create(CultureInfo.InvariantCulture, $"{group}[{index}].{field}");

    [GeneratedRegex(@"^\[(\d{1,3})\]\.")]
    private static partial Regex RowIndex();
}
