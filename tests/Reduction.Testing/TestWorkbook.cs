using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Reduction.Testing;

/// <summary>Builds real .xlsx workbooks the way people leave them: cells at given rows (row 1 first), merged ranges,
/// formulas with or without their cached result, under a sheet name of the test's choice.</summary>
public sealed class TestWorkbook
{
    private readonly List<object?[]> _rows = [];
    private readonly List<string> _merges = [];
    private readonly Dictionary<string, (string Formula, string? Cached)> _formulas = new(StringComparer.Ordinal);

    public TestWorkbook(string sheet = "排放台账") => Sheet = sheet;

    public string Sheet { get; }

    /// <summary>Appends a row (its number is the count of rows so far).</summary>
    public TestWorkbook Row(params object?[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public TestWorkbook Rows(IEnumerable<object?[]> rows)
    {
        _rows.AddRange(rows);
        return this;
    }

    /// <summary>Merges a range such as A1:F1 (the value stays in its top-left cell, as Excel keeps it).</summary>
    public TestWorkbook Merge(string range)
    {
        _merges.Add(range);
        return this;
    }

    /// <summary>Puts a formula in a cell, with the value Excel cached for it (null: never calculated).</summary>
    public TestWorkbook Formula(string cell, string formula, string? cached)
    {
        _formulas[cell] = (formula, cached);
        return this;
    }

    public int RowCount => _rows.Count;

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(Cells(), printHeader: false, sheetName: Sheet, excelType: ExcelType.XLSX);
        if (_merges.Count == 0 && _formulas.Count == 0)
        {
            return stream.ToArray();
        }

        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            foreach (var (cell, (formula, cached)) in _formulas)
            {
                var replacement = $"<x:c r=\"{cell}\"><x:f>{formula}</x:f>{(cached is null ? string.Empty : $"<x:v>{cached}</x:v>")}</x:c>";
                var pattern = new Regex($"<x:c r=\"{cell}\"[^>]*?(/>|>.*?</x:c>)");
                xml = pattern.IsMatch(xml) ? pattern.Replace(xml, replacement, 1) : throw new InvalidOperationException($"no cell {cell} to put a formula in");
            }

            if (_merges.Count > 0)
            {
                var merges = $"<x:mergeCells count=\"{_merges.Count.ToString(CultureInfo.InvariantCulture)}\">{string.Concat(_merges.Select(m => $"<x:mergeCell ref=\"{m}\"/>"))}</x:mergeCells>";
                var at = xml.IndexOf("<x:drawing", StringComparison.Ordinal);
                xml = at >= 0 ? xml.Insert(at, merges) : xml.Replace("</x:worksheet>", merges + "</x:worksheet>", StringComparison.Ordinal);
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }

        return stream.ToArray();
    }

    /// <summary>A workbook of several sheets, in order, each under its own name (cells only: no merges or formulas).</summary>
    public static byte[] Of(params TestWorkbook[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var all = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            if (sheet._merges.Count > 0 || sheet._formulas.Count > 0)
            {
                throw new InvalidOperationException("merges and formulas only in a workbook of one sheet");
            }

            all[sheet.Sheet] = sheet.Cells();
        }

        using var stream = new MemoryStream();
        stream.SaveAs(all, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The cells of a workbook's first sheet (or <paramref name="sheet"/>), row by row, as the Excel library reads them.</summary>
    public static List<IDictionary<string, object?>> Read(byte[] workbook, string? sheet = null)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>A part of the package as text (xl/workbook.xml, xl/worksheets/sheet1.xml).</summary>
    public static string Part(byte[] workbook, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private List<Dictionary<string, object?>> Cells()
    {
        var width = Math.Max(1, _rows.Count == 0 ? 1 : _rows.Max(r => r.Length));
        var letters = Enumerable.Range(0, width).Select(Letter).ToArray();
        return _rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < width; i++)
            {
                row[letters[i]] = i < r.Length ? r[i] : null;
            }

            return row;
        }).ToList();
    }

    private static string Letter(int index)
    {
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
