using System.Text;

namespace Reduction.Cli.Workflows;

/// <summary>Plain-text tables aligned for a monospace terminal: CJK and full-width characters take two columns.</summary>
internal static class TextTable
{
    private const string ColumnGap = "  ";

    /// <summary>Writes a header row, a rule and the rows, each line prefixed with <paramref name="indent"/>; trailing spaces trimmed.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string indent = "")
    {
        var all = rows.ToList();
        var widths = Enumerable.Range(0, headers.Count)
            .Select(column => all.Select(row => Width(row[column])).Append(Width(headers[column])).Max())
            .ToArray();
        output.Write(Row(headers, widths, indent));
        output.Write(Row(widths.Select(w => new string('-', w)).ToArray(), widths, indent));
        foreach (var row in all)
        {
            output.Write(Row(row, widths, indent));
        }
    }

    /// <summary>One aligned line (with its line feed).</summary>
    public static string Row(IReadOnlyList<string> cells, IReadOnlyList<int> widths, string indent = "")
    {
        var line = new StringBuilder(indent);
        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Count - 1)
            {
                line.Append(' ', widths[i] - Width(cells[i])).Append(ColumnGap);
            }
        }

        return line.ToString().TrimEnd() + "\n";
    }

    /// <summary>Columns a monospace terminal gives the text: East Asian wide and full-width characters take two.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6)
            or (>= 0x20000 and <= 0x3FFFD);
}
