using System.Text.RegularExpressions;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Reduction.Ledger.Workbooks;

/// <summary>The data rows of one sheet, each cell under the key of the column it stands in, with the Excel row number.</summary>
internal sealed record SheetRows(string Sheet, IReadOnlyList<(int Row, IReadOnlyDictionary<string, object?> Cells)> Rows, IReadOnlyDictionary<string, (string Column, string Header)> Columns)
{
    public string ColumnOf(string key) => Columns.TryGetValue(key, out var c) ? c.Column : string.Empty;

    public string HeaderOf(string key) => Columns.TryGetValue(key, out var c) ? c.Header : key;
}

/// <summary>Finds the header row of a sheet as people lay it out (a merged title row above it, a header merged over two
/// rows, the unit in a row of its own, columns in any order, extra columns) and reads the rows below it.</summary>
internal static partial class SheetReader
{
    /// <summary>How far down the header row may be.</summary>
    private const int HeaderSearchRows = 20;

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
            errors.Add(Unreadable());
            return null;
        }
    }

    /// <summary>The rows of <paramref name="preferredSheet"/> (else the first sheet); null with the errors added when
    /// the file is not a workbook, the sheet has more than <paramref name="maxRows"/> rows or its header cannot be found.</summary>
    public static SheetRows? Read(byte[] bytes, string preferredSheet, IReadOnlyList<ColumnSpec> columns, ImportErrors errors, int maxRows = LedgerLimits.MaxRows)
    {
        List<IDictionary<string, object?>> raw;
        string sheet;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var names = MiniExcel.GetSheetNames(stream);
            sheet = names.FirstOrDefault(n => n == preferredSheet) ?? names.FirstOrDefault() ?? preferredSheet;
            stream.Position = 0;
            raw = [];
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FillMergedCells = true }))
            {
                if (raw.Count > maxRows + HeaderSearchRows)
                {
                    errors.Add(new ImportError(sheet, raw.Count + 1, string.Empty, string.Empty, maxRows == LedgerLimits.MaxRows
                        ? $"工作表超过 {maxRows} 行，请分成几个文件导入"
                        : $"工作表“{sheet}”超过 {maxRows} 行，请删去多余的行，或使用下载的模板重新填写"));
                    return null;
                }

                raw.Add(row);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(Unreadable());
            return null;
        }

        for (var r = 0; r < Math.Min(HeaderSearchRows, raw.Count); r++)
        {
            var found = MatchHeader(raw[r], columns);
            if (columns.Where(c => c.Required).All(c => found.ContainsKey(c.Key)))
            {
                return Rows(sheet, raw, r, found, columns, errors);
            }
        }

        var expected = string.Join("、", columns.Where(c => c.Required).Select(c => c.Header));
        errors.Add(new ImportError(sheet, 1, string.Empty, string.Empty, $"工作表“{sheet}”的前 {HeaderSearchRows} 行中没有找到标题行，标题行应包括：{expected}"));
        return null;
    }

    private static ImportError Unreadable() =>
        new(string.Empty, 0, string.Empty, string.Empty, "无法读取 Excel 文件：请上传 .xlsx 格式的工作簿（可从“下载模板”获取）");

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

    private static SheetRows? Rows(string sheet, List<IDictionary<string, object?>> raw, int headerIndex, Dictionary<string, (string Column, string Header)> found, IReadOnlyList<ColumnSpec> columns, ImportErrors errors)
    {
        var first = headerIndex + 1;

        // A header merged over two rows repeats in the next one (merged cells are filled); a unit may stand below it.
        if (first < raw.Count && IsHeaderContinuation(raw[headerIndex], raw[first]))
        {
            foreach (var key in found.Keys.ToList())
            {
                var cell = raw[first].TryGetValue(found[key].Column, out var value) ? value : null;
                var below = WorkbookCells.Text(cell);
                if (below.Length > 0 && below != WorkbookCells.Text(found[key].Header))
                {
                    found[key] = (found[key].Column, found[key].Header + (below.StartsWith('(') ? WorkbookCells.Shown(cell).Trim() : $"（{below}）"));
                }
            }

            first++;
        }

        var unitErrors = 0;
        foreach (var spec in columns.Where(c => c.Unit is not null && found.ContainsKey(c.Key)))
        {
            var (column, header) = found[spec.Key];
            if (UnitOf(header) is { } unit && unit != spec.Unit && !(spec.Unit == "吨" && unit is "t"))
            {
                errors.Add(new ImportError(sheet, headerIndex + 1, column, WorkbookCells.Shown(header), $"此列的单位是“{unit}”，应为“{spec.Unit}”：请换算为{spec.Unit}后填写，标题写作“{spec.Header}”") { Header = header });
                unitErrors++;
            }
        }

        if (unitErrors > 0)
        {
            return null;
        }

        var rows = new List<(int Row, IReadOnlyDictionary<string, object?> Cells)>();
        for (var r = first; r < raw.Count; r++)
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            var any = false;
            foreach (var (key, (column, _)) in found)
            {
                var cell = raw[r].TryGetValue(column, out var value) ? value : null;
                cells[key] = cell;
                any |= !WorkbookCells.IsEmpty(cell);
            }

            if (any)
            {
                rows.Add((r + 1, cells));
            }
        }

        return new SheetRows(sheet, rows, found);
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
