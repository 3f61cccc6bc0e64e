using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Reduction.Ledger.Workbooks;

/// <summary>The data rows of one sheet below its header, read from the workbook as they are enumerated (once), each
/// row's cells in the order of the columns found (<see cref="IndexOf"/>), empty rows left out. When the sheet cannot be
/// read to its end (too many rows, a file broken further down), <see cref="Errors"/> says why and the rows read are
/// not to be used.</summary>
internal sealed class SheetRows : IDisposable
{
    private readonly IEnumerator<IDictionary<string, object?>> _source;
    private readonly List<IDictionary<string, object?>> _first;
    private readonly string[] _letters;
    private readonly Dictionary<string, int> _index;
    private readonly int _maxRows;
    private int _read;

    /// <param name="source">The sheet's rows after <paramref name="first"/>.</param>
    /// <param name="first">The rows from the first data row to where the header search stopped.</param>
    /// <param name="read">How many rows of the sheet <paramref name="source"/> has given so far.</param>
    /// <param name="maxRows">The most data rows the sheet may hold.</param>
    public SheetRows(string sheet, IReadOnlyDictionary<string, (string Column, string Header)> columns, IEnumerator<IDictionary<string, object?>> source, List<IDictionary<string, object?>> first, int read, int maxRows)
    {
        (Sheet, Columns, _source, _first, _read, _maxRows) = (sheet, columns, source, first, read, maxRows);
        string[] keys = [.. columns.Keys];
        _letters = [.. keys.Select(k => columns[k].Column)];
        _index = keys.Select((key, i) => (key, i)).ToDictionary(c => c.key, c => c.i, StringComparer.Ordinal);
    }

    public string Sheet { get; }

    /// <summary>The header's row number.</summary>
    public int HeaderRow { get; init; }

    public IReadOnlyDictionary<string, (string Column, string Header)> Columns { get; }

    /// <summary>Why the sheet could not be read to its end; empty when it was.</summary>
    public ImportErrors Errors { get; } = new();

    /// <summary>The data rows enumerated so far.</summary>
    public int Count { get; private set; }

    /// <summary>The position of a key's cell in a row, -1 when the sheet lacks the column.</summary>
    public int IndexOf(string key) => _index.TryGetValue(key, out var i) ? i : -1;

    public string ColumnOf(string key) => Columns.TryGetValue(key, out var c) ? c.Column : string.Empty;

    public string HeaderOf(string key) => Columns.TryGetValue(key, out var c) ? c.Header : key;

    /// <summary>The data rows with their Excel row numbers.</summary>
    public IEnumerable<(int Row, object?[] Cells)> Rows()
    {
        var number = _read - _first.Count;
        foreach (var row in _first)
        {
            if (Cells(row) is { } cells)
            {
                yield return (++number, cells);
            }
            else
            {
                number++;
            }
        }

        while (SheetReader.Next(_source, Sheet, ref _read, Errors, _maxRows) is { } row)
        {
            if (Cells(row) is { } cells)
            {
                yield return (_read, cells);
            }
        }
    }

    public void Dispose() => _source.Dispose();

    private object?[]? Cells(IDictionary<string, object?> row)
    {
        var cells = new object?[_letters.Length];
        var any = false;
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row.TryGetValue(_letters[i], out var value) ? value : null;
            any |= !WorkbookCells.IsEmpty(cells[i]);
        }

        if (!any)
        {
            return null;
        }

        Count++;
        return cells;
    }
}

/// <summary>Finds the header row of a sheet as people lay it out (a merged title row above it, a header merged over two
/// rows, the unit in a row of its own, columns in any order, extra columns) and reads the rows below it.</summary>
internal static partial class SheetReader
{
    /// <summary>How far down the header row may be.</summary>
    private const int HeaderSearchRows = 20;

    private const string Unreadable = "无法读取 Excel 文件：请上传 .xlsx 格式的工作簿（可从“下载模板”获取）";

    /// <summary>A header without its unit: whitespace removed, brackets in half-width, the bracketed part dropped.</summary>
    public static string BaseOf(string header) => Bracketed().Replace(WorkbookCells.Text(header).Replace(" ", string.Empty, StringComparison.Ordinal), string.Empty);

    /// <summary>The names of the workbook's sheets; null with the error added when the file is not a workbook.</summary>
    public static IReadOnlyList<string>? SheetNames(byte[] bytes, ImportErrors errors)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new ImportError(string.Empty, 0, string.Empty, string.Empty, Unreadable));
            return null;
        }
    }

    /// <summary>The rows of <paramref name="preferredSheet"/> (else the first sheet) below its header, to be read; null
    /// with the errors added when the file is not a workbook, its header cannot be found or names another unit. A sheet
    /// of more than <paramref name="maxRows"/> rows is refused as its rows are read.</summary>
    public static SheetRows? Read(byte[] bytes, string preferredSheet, IReadOnlyList<ColumnSpec> columns, ImportErrors errors, int maxRows = LedgerLimits.MaxRows)
    {
        string sheet;
        IEnumerator<IDictionary<string, object?>> source;
        try
        {
            var stream = new MemoryStream(bytes, writable: false);
            var names = MiniExcel.GetSheetNames(stream);
            sheet = names.FirstOrDefault(n => n == preferredSheet) ?? names.FirstOrDefault() ?? preferredSheet;
            stream.Position = 0;
            var xml = SheetXml.Open(stream, sheet) ?? throw new InvalidDataException($"no part for sheet {sheet}");
            source = Owned(xml).GetEnumerator();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new ImportError(string.Empty, 0, string.Empty, string.Empty, Unreadable));
            return null;
        }

        // The header may be on any of the first rows, the row below it may continue it.
        var read = 0;
        var head = new List<IDictionary<string, object?>>(HeaderSearchRows + 1);
        var failed = new ImportErrors();
        while (head.Count <= HeaderSearchRows && Next(source, sheet, ref read, failed, maxRows) is { } row)
        {
            head.Add(row);
        }

        var rows = failed.Count == 0 ? Found(sheet, head, columns, source, read, maxRows) : null;
        var refused = new ImportErrors();
        if (rows is null)
        {
            var expected = string.Join("、", columns.Where(c => c.Required).Select(c => c.Header));
            refused.Add(new ImportError(sheet, 1, string.Empty, string.Empty, $"工作表“{sheet}”的前 {HeaderSearchRows} 行中没有找到标题行，标题行应包括：{expected}"));
        }
        else
        {
            foreach (var spec in columns.Where(c => c.Unit is not null && rows.Columns.ContainsKey(c.Key)))
            {
                var (column, text) = rows.Columns[spec.Key];
                if (UnitOf(text) is { } unit && unit != spec.Unit && !(spec.Unit == "吨" && unit is "t"))
                {
                    refused.Add(new ImportError(sheet, rows.HeaderRow, column, WorkbookCells.Shown(text), $"此列的单位是“{unit}”，应为“{spec.Unit}”：请换算为{spec.Unit}后填写，标题写作“{spec.Header}”") { Header = text });
                }
            }
        }

        if (refused.Count == 0 && failed.Count == 0)
        {
            return rows;
        }

        // A sheet that cannot be read to its end says so rather than what is wrong with its header.
        while (failed.Count == 0 && Next(source, sheet, ref read, failed, maxRows) is not null)
        {
            // Only counted.
        }

        source.Dispose();
        foreach (var error in (failed.Count > 0 ? failed : refused).Kept)
        {
            errors.Add(error);
        }

        return null;
    }

    /// <summary>The sheet's next row; null at its end or, with the error added, when it has too many rows or cannot
    /// be read further.</summary>
    internal static IDictionary<string, object?>? Next(IEnumerator<IDictionary<string, object?>> source, string sheet, ref int read, ImportErrors errors, int maxRows)
    {
        try
        {
            if (!source.MoveNext())
            {
                return null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new ImportError(string.Empty, 0, string.Empty, string.Empty, Unreadable));
            return null;
        }

        if (read > maxRows + HeaderSearchRows)
        {
            errors.Add(new ImportError(sheet, read + 1, string.Empty, string.Empty, maxRows == LedgerLimits.MaxRows
                ? $"工作表超过 {maxRows} 行，请分成几个文件导入"
                : $"工作表“{sheet}”超过 {maxRows} 行，请删去多余的行，或使用下载的模板重新填写"));
            return null;
        }

        read++;
        return source.Current;
    }

    /// <summary>The header among the first rows and the rows below it; null when none of them holds every required column.</summary>
    private static SheetRows? Found(string sheet, List<IDictionary<string, object?>> head, IReadOnlyList<ColumnSpec> columns, IEnumerator<IDictionary<string, object?>> source, int read, int maxRows)
    {
        for (var r = 0; r < Math.Min(HeaderSearchRows, head.Count); r++)
        {
            var found = MatchHeader(head[r], columns);
            if (!columns.Where(c => c.Required).All(c => found.ContainsKey(c.Key)))
            {
                continue;
            }

            var first = r + 1;

            // A header merged over two rows repeats in the next one (merged cells are filled); a unit may stand below it.
            if (first < head.Count && IsHeaderContinuation(head[r], head[first]))
            {
                foreach (var key in found.Keys.ToList())
                {
                    var cell = head[first].TryGetValue(found[key].Column, out var value) ? value : null;
                    var below = WorkbookCells.Text(cell);
                    if (below.Length > 0 && below != WorkbookCells.Text(found[key].Header))
                    {
                        found[key] = (found[key].Column, found[key].Header + (below.StartsWith('(') ? WorkbookCells.Shown(cell).Trim() : $"（{below}）"));
                    }
                }

                first++;
            }

            return new SheetRows(sheet, found, source, head[first..], read, maxRows) { HeaderRow = r + 1 };
        }

        return null;
    }

    /// <summary>The sheet's rows, merged cells filled when it has any (filling costs a pass over the XML); disposing
    /// the enumerator closes the package.</summary>
    private static IEnumerable<IDictionary<string, object?>> Owned(SheetXml xml)
    {
        using (xml)
        {
            foreach (var row in xml.Rows(fillMerged: xml.MergesCells()))
            {
                yield return row;
            }
        }
    }

    private static Dictionary<string, (string Column, string Header)> MatchHeader(IDictionary<string, object?> row, IReadOnlyList<ColumnSpec> columns)
    {
        var found = new Dictionary<string, (string Column, string Header)>(StringComparer.Ordinal);
        foreach (var (letter, cell) in row)
        {
            var header = WorkbookCells.Text(cell);
            if (header.Length == 0)
            {
                continue;
            }

            var spec = columns.FirstOrDefault(c => c.Matches(BaseOf(header)));
            if (spec is not null && !found.ContainsKey(spec.Key))
            {
                // As written (full-width brackets stay), for the messages.
                found[spec.Key] = (letter, WorkbookCells.Shown(cell).Trim());
            }
        }

        return found;
    }

    private static bool IsHeaderContinuation(IDictionary<string, object?> header, IDictionary<string, object?> next)
    {
        var any = false;
        foreach (var (letter, cell) in next)
        {
            var text = WorkbookCells.Text(cell);
            if (text.Length == 0)
            {
                continue;
            }

            any = true;
            var above = WorkbookCells.Text(header.TryGetValue(letter, out var h) ? h : null);
            if (text != above && !UnitOnly().IsMatch(text))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>The unit a header names in brackets: 排放量（吨） → 吨; null when it names none.</summary>
    private static string? UnitOf(string header)
    {
        var match = Unit().Match(WorkbookCells.Text(header));
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex Unit();

    [GeneratedRegex(@"^(\([^()]{1,10}\)|吨|万吨|千克|公斤|kg|t|%)$")]
    private static partial Regex UnitOnly();
}
