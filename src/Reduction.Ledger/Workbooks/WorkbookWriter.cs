using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Reduction.Ledger.Workbooks;

/// <summary>Writes a formatted workbook: the data sheets under Chinese names with the header row frozen and filtered,
/// columns sized, number formats; a sheet 填写说明 with the rules; drop-down lists, number rules and input hints on the
/// data columns, the lists' values kept on a hidden sheet 选项 (so a list may be longer than Excel's 255 characters).</summary>
internal static class WorkbookWriter
{
    public const string OptionsSheet = "选项";

    public const string NotesSheet = "填写说明";

    /// <summary>How many rows below the header the validations cover.</summary>
    private const int ValidatedRows = 60_000;

    public static byte[] Write(string sheet, IReadOnlyList<WorkbookColumn> columns, IEnumerable<object?[]> rows, IReadOnlyList<string>? notes = null) =>
        Write([new WorkbookSheet(sheet, columns, rows)], notes);

    /// <summary>Several data sheets in order, then 填写说明 and the hidden 选项 (one column per distinct list).</summary>
    public static byte[] Write(IReadOnlyList<WorkbookSheet> dataSheets, IReadOnlyList<string>? notes = null)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var data in dataSheets)
        {
            sheets[data.Name] = Table(data.Name, data.Columns, data.Rows);
        }

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

        // One options column per distinct list, named after the first column that uses it.
        var lists = new List<(string Name, IReadOnlyList<string> Values)>();
        foreach (var column in dataSheets.SelectMany(d => d.Columns).Where(c => c.List is { Count: > 0 }))
        {
            if (OptionsColumn(lists, column.List!) < 0)
            {
                var name = column.Header;
                for (var n = 2; lists.Any(l => l.Name == name); n++)
                {
                    name = string.Create(CultureInfo.InvariantCulture, $"{column.Header}{n}");
                }

                lists.Add((name, column.List!));
            }
        }

        if (lists.Count > 0)
        {
            var options = new DataTable(OptionsSheet);
            foreach (var (name, _) in lists)
            {
                options.Columns.Add(name, typeof(string));
            }

            for (var i = 0; i < lists.Max(l => l.Values.Count); i++)
            {
                options.Rows.Add(lists.Select(l => i < l.Values.Count ? l.Values[i] : (object)DBNull.Value).ToArray());
            }

            sheets[OptionsSheet] = options;
        }

        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            DynamicColumns = dataSheets.SelectMany(d => d.Columns).DistinctBy(c => c.Header)
                .Select(c => new DynamicExcelColumn(c.Header) { Width = c.Width, Format = c.Format }).ToArray(),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: configuration);
        return AddValidations(buffer.ToArray(), dataSheets, lists);
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

    /// <summary>The options column holding exactly <paramref name="values"/>, or -1.</summary>
    private static int OptionsColumn(List<(string Name, IReadOnlyList<string> Values)> lists, IReadOnlyList<string> values) =>
        lists.FindIndex(l => l.Values.SequenceEqual(values, StringComparer.Ordinal));

    /// <summary>Adds the data validations to each data sheet (sheet1.xml, sheet2.xml… in the order written) and hides
    /// the options sheet.</summary>
    private static byte[] AddValidations(byte[] workbook, IReadOnlyList<WorkbookSheet> dataSheets, List<(string Name, IReadOnlyList<string> Values)> lists)
    {
        var blocks = new List<(int Sheet, string Block)>();
        for (var s = 0; s < dataSheets.Count; s++)
        {
            var rules = new StringBuilder();
            var count = 0;
            var columns = dataSheets[s].Columns;
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var range = string.Create(CultureInfo.InvariantCulture, $"{WorkbookCells.ColumnName(i)}2:{WorkbookCells.ColumnName(i)}{ValidatedRows + 1}");
                var prompt = column.Prompt is { } p ? $" showInputMessage=\"1\" promptTitle=\"{Xml(column.Header)}\" prompt=\"{Xml(p)}\"" : string.Empty;
                if (column.List is { Count: > 0 } list)
                {
                    var at = WorkbookCells.ColumnName(OptionsColumn(lists, list));
                    rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请从列表中选择\"{prompt} sqref=\"{range}\"><x:formula1>'{OptionsSheet}'!${at}$2:${at}${list.Count + 1}</x:formula1></x:dataValidation>");
                    count++;
                }
                else if (column.NonNegative)
                {
                    rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写不小于 0 的数字\"{prompt} sqref=\"{range}\"><x:formula1>0</x:formula1></x:dataValidation>");
                    count++;
                }
                else if (column.NonNegativeWhole)
                {
                    rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"whole\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写不小于 0 的整数\"{prompt} sqref=\"{range}\"><x:formula1>0</x:formula1></x:dataValidation>");
                    count++;
                }
                else if (column.WholeRange is { } whole)
                {
                    rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation type=\"whole\" operator=\"between\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写 {whole.Min} 至 {whole.Max} 之间的年份\"{prompt} sqref=\"{range}\"><x:formula1>{whole.Min}</x:formula1><x:formula2>{whole.Max}</x:formula2></x:dataValidation>");
                    count++;
                }
                else if (column.Prompt is not null)
                {
                    // A hint without a rule: any value, the prompt shown when the cell is selected.
                    rules.Append(CultureInfo.InvariantCulture, $"<x:dataValidation allowBlank=\"1\"{prompt} sqref=\"{range}\"/>");
                    count++;
                }
            }

            if (count > 0)
            {
                blocks.Add((s, string.Create(CultureInfo.InvariantCulture, $"<x:dataValidations count=\"{count}\">{rules}</x:dataValidations>")));
            }
        }

        if (blocks.Count == 0 && lists.Count == 0)
        {
            return workbook;
        }

        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (sheet, block) in blocks)
            {
                Rewrite(zip, string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{sheet + 1}.xml"), xml =>
                {
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
