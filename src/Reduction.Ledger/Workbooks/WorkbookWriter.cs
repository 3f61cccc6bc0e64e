using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Reduction.Ledger.Workbooks;

/// <summary>Writes a formatted workbook: the data sheet under a Chinese name with the header row frozen and filtered,
/// columns sized, number formats; a sheet 填写说明 with the rules; drop-down lists and number rules on the data
/// columns, their values kept on a hidden sheet 选项 (so a list may be longer than Excel's 255 characters).</summary>
internal static class WorkbookWriter
{
    public const string OptionsSheet = "选项";

    public const string NotesSheet = "填写说明";

    /// <summary>How many rows below the header the validations cover.</summary>
    private const int ValidatedRows = 60_000;

    public static byte[] Write(string sheet, IReadOnlyList<WorkbookColumn> columns, IEnumerable<object?[]> rows, IReadOnlyList<string>? notes = null)
    {
        var sheets = new Dictionary<string, object> { [sheet] = Table(sheet, columns, rows) };
        if (notes is { Count: > 0 })
        {
            var notesTable = new DataTable(NotesSheet);
            notesTable.Columns.Add("说明", typeof(string));
            foreach (var note in notes)
            {
                notesTable.Rows.Add(note);
            }

            sheets[NotesSheet] = notesTable;
        }

        var lists = columns.Where(c => c.List is { Count: > 0 }).ToList();
        if (lists.Count > 0)
        {
            var options = new DataTable(OptionsSheet);
            foreach (var column in lists)
            {
                options.Columns.Add(column.Header, typeof(string));
            }

            for (var i = 0; i < lists.Max(c => c.List!.Count); i++)
            {
                options.Rows.Add(lists.Select(c => i < c.List!.Count ? c.List[i] : (object)DBNull.Value).ToArray());
            }

            sheets[OptionsSheet] = options;
        }

        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            DynamicColumns = columns.Select(c => new DynamicExcelColumn(c.Header) { Width = c.Width, Format = c.Format }).ToArray(),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: configuration);
        return AddValidations(buffer.ToArray(), columns, lists);
    }

    /// <summary>The rows as a table of the columns' types (an empty cell is null), so numbers and dates stay numbers and
    /// dates in the workbook.</summary>
    internal static DataTable Table(string name, IReadOnlyList<WorkbookColumn> columns, IEnumerable<object?[]> rows)
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

    /// <summary>Adds the data validations to the first sheet and hides the options sheet.</summary>
    private static byte[] AddValidations(byte[] workbook, IReadOnlyList<WorkbookColumn> columns, List<WorkbookColumn> lists)
    {
        var rules = new StringBuilder();
        var count = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var range = string.Create(CultureInfo.InvariantCulture, $"{WorkbookCells.ColumnName(i)}2:{WorkbookCells.ColumnName(i)}{ValidatedRows + 1}");
            var prompt = column.Prompt is { } p ? $" showInputMessage=\"1\" promptTitle=\"{Xml(column.Header)}\" prompt=\"{Xml(p)}\"" : string.Empty;
            if (column.List is { Count: > 0 } list)
            {
                var at = WorkbookCells.ColumnName(lists.IndexOf(column));
                rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请从列表中选择\"{prompt} sqref=\"{range}\"><x:formula1>'{OptionsSheet}'!${at}$2:${at}${list.Count + 1}</x:formula1></x:dataValidation>");
                count++;
            }
            else if (column.NonNegative)
            {
                rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写不小于 0 的数字\"{prompt} sqref=\"{range}\"><x:formula1>0</x:formula1></x:dataValidation>");
                count++;
            }
            else if (column.WholeRange is { } whole)
            {
                rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"whole\" operator=\"between\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写 {whole.Min} 至 {whole.Max} 之间的年份\"{prompt} sqref=\"{range}\"><x:formula1>{whole.Min}</x:formula1><x:formula2>{whole.Max}</x:formula2></x:dataValidation>");
                count++;
            }
        }

        if (count == 0 && lists.Count == 0)
        {
            return workbook;
        }

        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            if (count > 0)
            {
                Rewrite(zip, "xl/worksheets/sheet1.xml", xml =>
                {
                    var block = $"<x:dataValidations count=\"{count}\">{rules}</x:dataValidations>";
                    var at = new[] { "<x:hyperlinks", "<x:printOptions", "<x:pageMargins", "<x:pageSetup", "<x:headerFooter", "<x:drawing", "<x:legacyDrawing", "<x:tableParts", "<x:extLst", "</x:worksheet>" }
                        .Select(tag => xml.IndexOf(tag, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
                    return at < 0 ? xml : xml.Insert(at, block);
                });
            }

            if (lists.Count > 0)
            {
                Rewrite(zip, "xl/workbook.xml", Hide);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Marks the options sheet hidden in the workbook part (replacing the state the writer gave it).</summary>
    private static string Hide(string xml)
    {
        var at = xml.IndexOf($"name=\"{OptionsSheet}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return xml;
        }

        var start = xml.LastIndexOf('<', at);
        var end = xml.IndexOf("/>", at, StringComparison.Ordinal);
        var element = xml[start..end];
        var state = element.IndexOf(" state=\"", StringComparison.Ordinal);
        if (state >= 0)
        {
            var close = element.IndexOf('"', state + 8);
            element = element.Remove(state, close - state + 1);
        }

        return xml[..start] + element + " state=\"hidden\"" + xml[end..];
    }

    private static void Rewrite(ZipArchive zip, string name, Func<string, string> change)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return;
        }

        string xml;
        using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
        {
            xml = reader.ReadToEnd();
        }

        entry.Delete();
        var replaced = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var writer = new StreamWriter(replaced.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(change(xml));
    }

    private static string Xml(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
