using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Reduction.Ledger.Workbooks;

/// <summary>
/// The rows of one sheet of an .xlsx package, read straight from its XML as they are enumerated: each row a dictionary
/// from column letter to value, every row from the first on (a row the sheet leaves out comes as an empty one, so the
/// position of a row is its number). Values as the Excel library gives them: text (shared, inline or a formula's),
/// numbers as <see cref="double"/>, dates and times by the cell's number format as <see cref="DateTime"/> and
/// <see cref="TimeSpan"/>, booleans, error codes as text, a formula's cached value. Merged cells, when asked for, take
/// the value of their range's top-left cell. Reading the XML itself rather than through the library's dynamic rows
/// costs about half as much per row (docs/ledger.md).
/// </summary>
internal sealed class SheetXml : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>A merged range larger than this is not filled (a whole column merged would fill a million cells).</summary>
    private const int MaxMergedCells = 100_000;

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };

    private static readonly string[] Letters = [.. Enumerable.Range(0, 16_384).Select(LettersOf)];

    private readonly ZipArchive _zip;
    private readonly ZipArchiveEntry _part;
    private readonly Lazy<List<string>> _strings;
    private readonly Lazy<CellFormats> _formats;

    private SheetXml(ZipArchive zip, ZipArchiveEntry part)
    {
        (_zip, _part) = (zip, part);
        _strings = new(() => SharedStrings(zip));
        _formats = new(() => CellFormats.Read(zip));
    }

    /// <summary>The sheet of that name in the package; null when the package has no such sheet.</summary>
    /// <exception cref="InvalidDataException">Not a zip package.</exception>
    public static SheetXml? Open(Stream package, string sheet)
    {
        var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: false);
        if (Part(zip, sheet) is { } part)
        {
            return new SheetXml(zip, part);
        }

        zip.Dispose();
        return null;
    }

    /// <summary>The package part of a sheet, from the workbook part and its relationships.</summary>
    public static ZipArchiveEntry? Part(ZipArchive zip, string sheet)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var workbook = Load(zip, "xl/workbook.xml");
        var element = workbook?.Descendants().FirstOrDefault(e => e.Name.LocalName == "sheet" && (string?)e.Attribute("name") == sheet);
        var id = element?.Attributes().FirstOrDefault(a => a.Name.LocalName == "id" && a.Name.NamespaceName is Relationships or StrictRelationships)?.Value;
        var target = Load(zip, "xl/_rels/workbook.xml.rels")?.Root?.Elements().FirstOrDefault(r => id is not null && (string?)r.Attribute("Id") == id)?.Attribute("Target")?.Value;
        return target is null ? null : Entry(zip, target);
    }

    /// <summary>Whether the sheet's part mentions merged cells, by a scan of its bytes. True when unsure.</summary>
    public bool MergesCells()
    {
        using var content = _part.Open();
        return Contains(content, "mergeCell"u8);
    }

    /// <summary>The rows, read once as they are enumerated.</summary>
    /// <exception cref="XmlException">The sheet's XML is broken (met where it breaks).</exception>
    public IEnumerable<IDictionary<string, object?>> Rows(bool fillMerged)
    {
        var merged = fillMerged ? MergedCells() : null;
        var topLeft = merged is null ? null : new Dictionary<long, object?>();
        using var stream = _part.Open();
        using var reader = XmlReader.Create(stream, Settings);
        var names = new Names(reader.NameTable);
        var number = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || !names.IsSpreadsheet(reader.NamespaceURI))
            {
                continue;
            }

            if ((object)reader.LocalName != names.Row)
            {
                if ((object)reader.LocalName == names.MergeCells)
                {
                    yield break;
                }

                continue;
            }

            var at = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > number ? r : number + 1;
            while (number + 1 < at)
            {
                number++;
                yield return new Dictionary<string, object?>(0, StringComparer.Ordinal);
            }

            number = at;
            var row = new Dictionary<string, object?>(16, StringComparer.Ordinal);
            if (!reader.IsEmptyElement)
            {
                ReadRow(reader, names, number, row, merged, topLeft);
            }

            yield return row;
        }
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>A row's cells into <paramref name="row"/>; the reader is left on the row's end.</summary>
    private void ReadRow(XmlReader reader, Names names, int number, Dictionary<string, object?> row, Dictionary<long, long>? merged, Dictionary<long, object?>? topLeft)
    {
        var depth = reader.Depth;
        var column = -1;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            if ((object)reader.LocalName != names.Cell)
            {
                reader.Skip();
                continue;
            }

            column = ColumnOf(reader.GetAttribute("r")) ?? column + 1;
            var type = reader.GetAttribute("t");
            var style = reader.GetAttribute("s");
            var value = reader.IsEmptyElement ? null : ReadCell(reader, names, type);
            reader.Read();
            if (value is not null && style is not null && int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var xf))
            {
                value = _formats.Value.Convert(xf, value);
            }

            if (column >= Letters.Length)
            {
                continue;
            }

            if (merged is not null && merged.TryGetValue(Key(number, column), out var origin))
            {
                if (origin == Key(number, column))
                {
                    topLeft![origin] = value;
                }
                else
                {
                    topLeft!.TryGetValue(origin, out value);
                }
            }

            row[Letters[column]] = value;
        }
    }

    /// <summary>A cell's value; the reader is left on the cell's end.</summary>
    private object? ReadCell(XmlReader reader, Names names, string? type)
    {
        var depth = reader.Depth;
        object? value = null;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && (object)reader.LocalName == names.Value)
            {
                var raw = reader.ReadElementContentAsString();
                value = raw.Length == 0 ? null : Convert(raw, type);
            }
            else if (reader.NodeType == XmlNodeType.Element && (object)reader.LocalName == names.InlineString)
            {
                var text = StringItem(reader, names);
                value = text.Length == 0 ? null : Decode(text);
                reader.Read();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        return value;
    }

    private object? Convert(string raw, string? type) => type switch
    {
        "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < _strings.Value.Count ? _strings.Value[i] : null,
        "str" or "inlineStr" => Decode(raw),
        "b" => raw == "1",
        "d" => DateTime.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) ? date
            : DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date) ? date : raw,
        "e" => raw,
        _ => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : raw,
    };

    /// <summary>The text of a shared or inline string item: its runs' texts, phonetic runs left out; the reader is left
    /// on the item's end.</summary>
    private static string StringItem(XmlReader reader, Names names)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        string? single = null;
        StringBuilder? text = null;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && (object)reader.LocalName == names.Phonetic)
            {
                reader.Skip();
            }
            else if (reader.NodeType == XmlNodeType.Element && (object)reader.LocalName == names.Text)
            {
                var part = reader.ReadElementContentAsString();
                if (single is null && text is null)
                {
                    single = part;
                }
                else
                {
                    text ??= new StringBuilder(single);
                    text.Append(part);
                }
            }
            else
            {
                reader.Read();
            }
        }

        return text?.ToString() ?? single ?? string.Empty;
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        if (Entry(zip, "sharedStrings.xml") is not { } entry)
        {
            return strings;
        }

        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        var names = new Names(reader.NameTable);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && (object)reader.LocalName == names.StringItem)
            {
                strings.Add(Decode(StringItem(reader, names)));
            }
        }

        return strings;
    }

    /// <summary>Every cell of a merged range (up to <see cref="MaxMergedCells"/> cells) to its range's top-left cell.</summary>
    private Dictionary<long, long>? MergedCells()
    {
        var map = new Dictionary<long, long>();
        using var stream = _part.Open();
        using var reader = XmlReader.Create(stream, Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "mergeCell" || reader.GetAttribute("ref") is not { } range)
            {
                continue;
            }

            var corners = range.Split(':');
            if (corners.Length != 2 || Cell(corners[0]) is not var (r1, c1) || Cell(corners[1]) is not var (r2, c2) || r2 < r1 || c2 < c1
                || (long)(r2 - r1 + 1) * (c2 - c1 + 1) > MaxMergedCells)
            {
                continue;
            }

            var origin = Key(r1, c1);
            for (var r = r1; r <= r2; r++)
            {
                for (var c = c1; c <= c2; c++)
                {
                    map.TryAdd(Key(r, c), origin);
                }
            }
        }

        return map.Count == 0 ? null : map;
    }

    private static long Key(int row, int column) => ((long)row << 16) | (uint)column;

    /// <summary>A cell reference's row and zero-based column: B12 → (12, 1).</summary>
    private static (int Row, int Column)? Cell(string reference)
    {
        if (ColumnOf(reference) is not { } column)
        {
            return null;
        }

        var digits = reference.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$").TrimStart('$');
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0 ? (row, column) : null;
    }

    /// <summary>The zero-based column of a cell reference (B12 → 1); null without letters.</summary>
    private static int? ColumnOf(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
            {
                column = (column * 26) + (c - 'a' + 1);
            }
            else if (c == '$')
            {
                continue;
            }
            else
            {
                break;
            }

            if (++letters > 3)
            {
                return null;
            }
        }

        return letters == 0 ? null : column - 1;
    }

    private static string LettersOf(int column)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>Characters Excel writes escaped as _xHHHH_ (a control character, or an underscore before such a form).</summary>
    private static string Decode(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static ZipArchiveEntry? Entry(ZipArchive zip, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : target.StartsWith("xl/", StringComparison.OrdinalIgnoreCase) ? target : "xl/" + target;
        return zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase));
    }

    private static XDocument? Load(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry)
        {
            return null;
        }

        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        return XDocument.Load(reader);
    }

    private static bool Contains(Stream stream, ReadOnlySpan<byte> pattern)
    {
        var buffer = new byte[1 << 16];
        var kept = 0;
        int read;
        while ((read = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            var filled = kept + read;
            if (buffer.AsSpan(0, filled).IndexOf(pattern) >= 0)
            {
                return true;
            }

            // The pattern may straddle two reads.
            kept = Math.Min(pattern.Length - 1, filled);
            buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        }

        return false;
    }

    /// <summary>The element names, atomised in the reader's name table so a name is compared by reference.</summary>
    private sealed class Names(XmlNameTable table)
    {
        private readonly string _main = table.Add(Main);
        private readonly string _strict = table.Add(Strict);

        public string Row { get; } = table.Add("row");

        public string Cell { get; } = table.Add("c");

        public string Value { get; } = table.Add("v");

        public string InlineString { get; } = table.Add("is");

        public string StringItem { get; } = table.Add("si");

        public string Text { get; } = table.Add("t");

        public string Phonetic { get; } = table.Add("rPh");

        public string MergeCells { get; } = table.Add("mergeCells");

        public bool IsSpreadsheet(string ns) => (object)ns == _main || (object)ns == _strict;
    }

    /// <summary>Which cell formats (`cellXfs`) show a number as a date or a time, from their number format: the built-in
    /// date and time formats, and custom ones whose code holds date or time parts.</summary>
    private sealed class CellFormats
    {
        private readonly List<Type?> _types = [];

        public static CellFormats Read(ZipArchive zip)
        {
            var formats = new CellFormats();
            if (Entry(zip, "styles.xml") is not { } entry)
            {
                return formats;
            }

            var custom = new Dictionary<int, Type?>();
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, Settings);
            var inCellXfs = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
                {
                    inCellXfs = false;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                        custom.TryAdd(id, IsDateFormat(reader.GetAttribute("formatCode")) ? typeof(DateTime) : null);
                        break;
                    case "cellXfs":
                        inCellXfs = !reader.IsEmptyElement;
                        break;
                    case "xf" when inCellXfs:
                        _ = int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var format);
                        formats._types.Add(BuiltIn(format) ?? custom.GetValueOrDefault(format));
                        break;
                }
            }

            return formats;
        }

        public object Convert(int xf, object value)
        {
            if (value is not double number || xf < 0 || xf >= _types.Count || _types[xf] is not { } type)
            {
                return value;
            }

            if (type == typeof(TimeSpan))
            {
                return TimeSpan.FromDays(number);
            }

            return number is > -657435.0 and < 2958466.0 ? DateTime.FromOADate(number) : value;
        }

        private static Type? BuiltIn(int id) => id switch
        {
            14 or 15 or 16 or 22 or 58 => typeof(DateTime),
            18 or 19 or 20 or 21 or 45 or 46 or 47 => typeof(TimeSpan),
            _ => null,
        };

        /// <summary>Whether a format code shows a date or a time: a y, m, d, h or s outside quotes, escapes and
        /// bracketed colours or locales (an elapsed-time bracket such as [h] counts).</summary>
        private static bool IsDateFormat(string? code)
        {
            if (string.IsNullOrEmpty(code) || code.Equals("General", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            for (var i = 0; i < code.Length; i++)
            {
                switch (code[i])
                {
                    case '"':
                        i = code.IndexOf('"', i + 1) is var end and >= 0 ? end : code.Length;
                        break;
                    case '\\' or '_' or '*':
                        i++;
                        break;
                    case '[':
                        var close = code.IndexOf(']', i + 1);
                        var inside = close < 0 ? string.Empty : code[(i + 1)..close];
                        if (inside.Length > 0 && inside.All(c => c is 'h' or 'H' or 'm' or 'M' or 's' or 'S'))
                        {
                            return true;
                        }

                        i = close < 0 ? code.Length : close;
                        break;
                    case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                        return true;
                }
            }

            return false;
        }
    }
}
