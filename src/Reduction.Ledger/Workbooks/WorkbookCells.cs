using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reduction.Ledger.Workbooks;

/// <summary>Reads cells as people type them: full-width digits and punctuation (１２３．４), thousands separators,
/// a trailing unit, Excel numbers, dates and date serials, years written 2016年.</summary>
internal static partial class WorkbookCells
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    /// <summary>The cell as trimmed text in half-width form (NFKC), whitespace inside collapsed to one space.</summary>
    public static string Text(object? cell)
    {
        if (cell is string plain && IsPlain(plain))
        {
            return plain;
        }

        var text = cell switch
        {
            null => string.Empty,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString() ?? string.Empty,
        };
        text = text.Normalize(NormalizationForm.FormKC).Replace('\u2212', '-').Replace('\u3000', ' ');
        return Spaces().Replace(text, " ").Trim();
    }

    /// <summary>Whether text is as <see cref="Text"/> would leave it, told without normalising: printable ASCII and
    /// CJK unified ideographs (which NFKC leaves alone), single spaces only between other characters.</summary>
    private static bool IsPlain(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
        {
            return text.Length == 0;
        }

        var space = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (space)
                {
                    return false;
                }

                space = true;
            }
            else if (c is (> ' ' and <= '~') or (>= '\u4E00' and <= '\u9FFF'))
            {
                space = false;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the user wrote, clipped for an error message (never an attacker's megabytes).</summary>
    public static string Shown(object? cell)
    {
        var text = cell switch
        {
            null => string.Empty,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return text.Length <= 50 ? text : text[..50] + "…";
    }

    public static bool IsEmpty(object? cell) => cell is null || (cell is string s && string.IsNullOrWhiteSpace(s));

    /// <summary>A number: an Excel number, or text such as 1,234.5, １２３．４ or 12吨 (<paramref name="unit"/> is allowed
    /// at the end). Null when it is not one.</summary>
    public static decimal? Number(object? cell, string? unit = null)
    {
        switch (cell)
        {
            case double d when double.IsFinite(d):
                // As the shortest text that reads back as the same double (what Excel shows), without a string per cell.
                Span<char> shortest = stackalloc char[32];
                return d.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture)
                    ? decimal.Parse(shortest[..length], NumberStyles.Float, CultureInfo.InvariantCulture)
                    : decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            case decimal m:
                return m;
            case int or long or float:
                return Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
            case bool or DateTime:
                return null;
        }

        var text = Text(cell).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (unit is not null && text.EndsWith(unit, StringComparison.Ordinal) && !text.EndsWith("万" + unit, StringComparison.Ordinal))
        {
            text = text[..^unit.Length];
        }

        if (Thousands().IsMatch(text))
        {
            text = text.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        if (Plain().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return null;
    }

    /// <summary>A year written as a number or as text (2016, 2016年, ２０１６).</summary>
    public static int? Year(object? cell)
    {
        if (cell is double d && d == Math.Floor(d) && d is >= 1900 and <= 2200)
        {
            return (int)d;
        }

        var text = Text(cell);
        if (text.EndsWith('年'))
        {
            text = text[..^1];
        }

        return text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200 ? year : null;
    }

    /// <summary>A date: an Excel date, a date serial, or text such as 2016-12-31, 2016/12/31 or 2016年12月31日.</summary>
    public static DateOnly? Date(object? cell) => cell switch
    {
        DateTime time => DateOnly.FromDateTime(time),
        double serial when serial is > 1 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        _ => DateOnly.TryParseExact(Text(cell), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
    };

    /// <summary>The Excel column letters of a zero-based index (0 = A, 26 = AA).</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The zero-based index of column letters (A = 0).</summary>
    public static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)$")]
    private static partial Regex Plain();
}
