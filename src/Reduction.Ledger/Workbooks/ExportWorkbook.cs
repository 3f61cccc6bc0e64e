using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Reduction.Ledger.Workbooks;

/// <summary>One sheet of a workbook (an export or a template): its Chinese name, its columns (header, type, width, number format) and its rows,
/// each a value per column (null for an empty cell).</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<WorkbookColumn> Columns, IEnumerable<object?[]> Rows)
{
    /// <summary>How many rows <see cref="Rows"/> yields, when known ahead (a large sheet is then written as its rows are
    /// enumerated, once); null to have them counted first.</summary>
    public int? RowCount { get; init; }
}

/// <summary>Writes an export of one or more sheets the way the ledger's exports look: every sheet with its header row
/// frozen and filtered, columns sized, numbers and dates as numbers and dates in their formats. An export is read, not
/// filled in, so it has no drop-down lists or rules.</summary>
public static class ExportWorkbook
{
    public static byte[] Write(IReadOnlyList<WorkbookSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0)
        {
            throw new ArgumentException("an export has at least one sheet", nameof(sheets));
        }

        // The writer sizes and formats a column by its header, in every sheet alike: a header two sheets share must
        // mean the same column in both.
        var formats = new Dictionary<string, WorkbookColumn>(StringComparer.Ordinal);
        foreach (var column in sheets.SelectMany(s => s.Columns))
        {
            if (formats.TryGetValue(column.Header, out var first) && (first.Width != column.Width || first.Format != column.Format))
            {
                throw new ArgumentException($"column '{column.Header}' is sized or formatted differently in two sheets", nameof(sheets));
            }

            formats.TryAdd(column.Header, column);
        }

        var tables = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            if (!tables.TryAdd(sheet.Name, Table(sheet.Name, sheet.Columns, sheet.Rows)))
            {
                throw new ArgumentException($"two sheets are named '{sheet.Name}'", nameof(sheets));
            }
        }

        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            DynamicColumns = formats.Values.Select(c => new DynamicExcelColumn(c.Header) { Width = c.Width, Format = c.Format }).ToArray(),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(tables, excelType: ExcelType.XLSX, configuration: configuration);
        return buffer.ToArray();
    }

    /// <summary>The rows as a table of the columns' types (an empty cell is null), so numbers and dates stay numbers and
    /// dates in the workbook.</summary>
    private static DataTable Table(string name, IReadOnlyList<WorkbookColumn> columns, IEnumerable<object?[]> rows)
    {
        var table = new DataTable(name);
        foreach (var column in columns)
        {
            table.Columns.Add(column.Header, Nullable.GetUnderlyingType(column.Type) ?? column.Type);
        }

        foreach (var row in rows)
        {
            table.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());
        }

        return table;
    }
}
