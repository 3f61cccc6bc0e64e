using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Reduction.Ledger.Workbooks;

/// <summary>Writes a formatted workbook: the data sheets under Chinese names with the header row frozen and filtered,
/// columns sized, number formats; a sheet 填写说明 with the rules; drop-down lists, number rules and input hints on the
/// data columns, the lists' values kept on a hidden sheet 选项 (so a list may be longer than Excel's 255 characters).
/// The package is written part by part and the rows straight into the compressed sheet, each row as it is enumerated.</summary>
internal static class WorkbookWriter
{
    public const string OptionsSheet = "选项";

    public const string NotesSheet = "填写说明";

    /// <summary>How many rows below the header the validations cover.</summary>
    private const int ValidatedRows = 60_000;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Styles: 0 the default, 1 a header cell, 2 a data cell; then one per number format in use.</summary>
    private const int HeaderStyle = 1;

    private const int CellStyle = 2;

    private const int FirstFormatStyle = 3;

    /// <summary>One data sheet of <paramref name="rowCount"/> rows (the count goes ahead of the rows in the sheet).</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> yields another number of rows.</exception>
    public static byte[] Write(string sheet, IReadOnlyList<WorkbookColumn> columns, int rowCount, IEnumerable<object?[]> rows, IReadOnlyList<string>? notes = null) =>
        Write([new WorkbookSheet(sheet, columns, rows) { RowCount = rowCount }], notes);

    /// <summary>Several data sheets in order, then 填写说明 and the hidden 选项 (one column per distinct list). A sheet
    /// without <see cref="WorkbookSheet.RowCount"/> has its rows counted first.</summary>
    public static byte[] Write(IReadOnlyList<WorkbookSheet> dataSheets, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(dataSheets);
        if (dataSheets.Count == 0)
        {
            throw new ArgumentException("a workbook has at least one data sheet", nameof(dataSheets));
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var formats = dataSheets.SelectMany(d => d.Columns).Select(c => c.Format).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var lists = Lists(dataSheets);
            var sheets = new List<(string Name, bool Hidden)>();
            var filters = new List<string>();
            foreach (var data in dataSheets)
            {
                var rows = data.RowCount is null ? data.Rows.ToList() : data.Rows;
                var rowCount = data.RowCount ?? ((List<object?[]>)rows).Count;
                var styles = data.Columns.Select(c => c.Format is { } f ? FirstFormatStyle + formats.IndexOf(f) : CellStyle).ToArray();
                sheets.Add((data.Name, false));
                WriteData(zip, sheets.Count, data.Columns, styles, rowCount, rows, lists);
                filters.Add(Invariant($"'{Xml(data.Name).Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${WorkbookCells.ColumnName(data.Columns.Count - 1)}${rowCount + 1}"));
            }

            if (notes is { Count: > 0 })
            {
                sheets.Add((NotesSheet, false));
                WriteSheet(zip, sheets.Count, [new("说明", typeof(string), 120)], [CellStyle], notes.Count, notes.Select(n => new object?[] { n }));
            }

            if (lists.Count > 0)
            {
                sheets.Add((OptionsSheet, true));
                var longest = lists.Max(l => l.Values.Count);
                var options = Enumerable.Range(0, longest).Select(i => lists.Select(l => i < l.Values.Count ? l.Values[i] : null).ToArray());
                WriteSheet(zip, sheets.Count, [.. lists.Select(l => new WorkbookColumn(l.Name, typeof(string), 20))], [.. lists.Select(_ => CellStyle)], longest, options);
            }

            Part(zip, "xl/workbook.xml", w =>
            {
                w.Write($"<x:workbook xmlns:r=\"{Relationships}\" xmlns:x=\"{Main}\"><x:bookViews><x:workbookView activeTab=\"0\"/></x:bookViews><x:sheets>");
                for (var i = 0; i < sheets.Count; i++)
                {
                    w.Write(Invariant($"<x:sheet name=\"{Xml(sheets[i].Name)}\" sheetId=\"{i + 1}\"{(sheets[i].Hidden ? " state=\"hidden\"" : string.Empty)} r:id=\"rId{i + 1}\"/>"));
                }

                w.Write("</x:sheets><x:definedNames>");
                for (var i = 0; i < filters.Count; i++)
                {
                    w.Write(Invariant($"<x:definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">{filters[i]}</x:definedName>"));
                }

                w.Write("</x:definedNames></x:workbook>");
            });
            Part(zip, "xl/styles.xml", w => WriteStyles(w, formats));
            Part(zip, "xl/_rels/workbook.xml.rels", w =>
            {
                w.Write("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
                for (var i = 1; i <= sheets.Count; i++)
                {
                    w.Write(Invariant($"<Relationship Id=\"rId{i}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"));
                }

                w.Write($"<Relationship Id=\"rId{sheets.Count + 1}\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/></Relationships>");
            });
            Part(zip, "_rels/.rels", w => w.Write($"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Part(zip, "[Content_Types].xml", w =>
            {
                w.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>");
                w.Write("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
                for (var i = 1; i <= sheets.Count; i++)
                {
                    w.Write(Invariant($"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
                }

                w.Write("</Types>");
            });
        }

        return buffer.ToArray();
    }

    /// <summary>The options columns: one per distinct list, named after the first column that uses it.</summary>
    private static List<(string Name, IReadOnlyList<string> Values)> Lists(IReadOnlyList<WorkbookSheet> dataSheets)
    {
        var lists = new List<(string Name, IReadOnlyList<string> Values)>();
        foreach (var column in dataSheets.SelectMany(d => d.Columns).Where(c => c.List is { Count: > 0 }))
        {
            if (OptionsColumn(lists, column.List!) < 0)
            {
                var name = column.Header;
                for (var n = 2; lists.Any(l => l.Name == name); n++)
                {
                    name = Invariant($"{column.Header}{n}");
                }

                lists.Add((name, column.List!));
            }
        }

        return lists;
    }

    /// <summary>The options column holding exactly <paramref name="values"/>, or -1.</summary>
    private static int OptionsColumn(List<(string Name, IReadOnlyList<string> Values)> lists, IReadOnlyList<string> values) =>
        lists.FindIndex(l => l.Values.SequenceEqual(values, StringComparer.Ordinal));

    /// <summary>A data sheet: header frozen and filtered, then the rows, then the validations.</summary>
    private static void WriteData(ZipArchive zip, int number, IReadOnlyList<WorkbookColumn> columns, int[] styles, int rowCount, IEnumerable<object?[]> rows, List<(string Name, IReadOnlyList<string> Values)> lists)
    {
        var last = WorkbookCells.ColumnName(columns.Count - 1);
        Part(zip, Invariant($"xl/worksheets/sheet{number}.xml"), w =>
        {
            w.Write(Invariant($"<x:worksheet xmlns:r=\"{Relationships}\" xmlns:x=\"{Main}\"><x:dimension ref=\"A1:{last}{rowCount + 1}\"/>"));
            w.Write(Invariant($"<x:sheetViews><x:sheetView{(number == 1 ? " tabSelected=\"1\"" : string.Empty)} workbookViewId=\"0\"><x:pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><x:selection pane=\"bottomLeft\"/></x:sheetView></x:sheetViews>"));
            var written = WriteRows(w, columns, styles, rows);
            if (written != rowCount)
            {
                throw new ArgumentException(Invariant($"{written} rows given for {rowCount}"), nameof(rows));
            }

            w.Write(Invariant($"<x:autoFilter ref=\"A1:{last}{rowCount + 1}\"/>"));
            WriteValidations(w, columns, lists);
            w.Write("</x:worksheet>");
        });
    }

    private static void WriteSheet(ZipArchive zip, int number, IReadOnlyList<WorkbookColumn> columns, int[] styles, int rowCount, IEnumerable<object?[]> rows) =>
        Part(zip, Invariant($"xl/worksheets/sheet{number}.xml"), w =>
        {
            w.Write(Invariant($"<x:worksheet xmlns:r=\"{Relationships}\" xmlns:x=\"{Main}\"><x:dimension ref=\"A1:{WorkbookCells.ColumnName(columns.Count - 1)}{rowCount + 1}\"/>"));
            WriteRows(w, columns, styles, rows);
            w.Write("</x:worksheet>");
        });

    /// <summary>The column widths and the rows (header first); returns how many data rows there were.</summary>
    private static int WriteRows(TextWriter w, IReadOnlyList<WorkbookColumn> columns, int[] styles, IEnumerable<object?[]> rows)
    {
        w.Write("<x:cols>");
        for (var i = 0; i < columns.Count; i++)
        {
            w.Write(Invariant($"<x:col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{ExcelWidth(columns[i].Width)}\" customWidth=\"1\"/>"));
        }

        w.Write("</x:cols><x:sheetData><x:row r=\"1\">");
        var letters = Enumerable.Range(0, columns.Count).Select(WorkbookCells.ColumnName).ToArray();
        for (var i = 0; i < columns.Count; i++)
        {
            WriteCell(w, letters[i], 1, HeaderStyle, columns[i].Header);
        }

        w.Write("</x:row>");
        var count = 0;
        foreach (var row in rows)
        {
            var number = ++count + 1;
            w.Write("<x:row r=\"");
            WriteNumber(w, number);
            w.Write("\">");
            for (var i = 0; i < columns.Count; i++)
            {
                WriteCell(w, letters[i], number, styles[i], i < row.Length ? row[i] : null);
            }

            w.Write("</x:row>");
        }

        w.Write("</x:sheetData>");
        return count;
    }

    /// <summary>One cell: text inline, numbers and dates (as Excel's serial numbers) as values, nothing for null.</summary>
    private static void WriteCell(TextWriter w, string letter, int row, int style, object? value)
    {
        w.Write("<x:c r=\"");
        w.Write(letter);
        WriteNumber(w, row);
        w.Write(value is string ? "\" t=\"str\" s=\"" : value is bool ? "\" t=\"b\" s=\"" : "\" s=\"");
        WriteNumber(w, style);
        if (value is null)
        {
            w.Write("\"/>");
            return;
        }

        w.Write("\"><x:v>");
        switch (value)
        {
            case string text:
                WriteText(w, text);
                break;
            case bool flag:
                w.Write(flag ? '1' : '0');
                break;
            default:
                WriteNumber(w, value);
                break;
        }

        w.Write("</x:v></x:c>");
    }

    /// <summary>A number as XML Schema writes it; a date as Excel's serial number (days since 1899-12-30).</summary>
    private static void WriteNumber(TextWriter w, object value)
    {
        Span<char> number = stackalloc char[40];
        var length = 0;
        var formatted = value switch
        {
            int i => i.TryFormat(number, out length, default, CultureInfo.InvariantCulture),
            long l => l.TryFormat(number, out length, default, CultureInfo.InvariantCulture),
            decimal m => m.TryFormat(number, out length, default, CultureInfo.InvariantCulture),
            double d => d.TryFormat(number, out length, "R", CultureInfo.InvariantCulture),
            DateTime t => t.ToOADate().TryFormat(number, out length, "R", CultureInfo.InvariantCulture),
            DateOnly date => date.ToDateTime(TimeOnly.MinValue).ToOADate().TryFormat(number, out length, "R", CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"a {value.GetType().Name} cell"),
        };
        if (!formatted)
        {
            throw new InvalidOperationException($"{value} does not fit a cell");
        }

        w.Write(number[..length]);
    }

    /// <summary>Text as XML character data: markup escaped, characters XML cannot hold (control characters, lone
    /// surrogates) left out.</summary>
    private static void WriteText(TextWriter w, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement;
            if (c is '&')
            {
                replacement = "&amp;";
            }
            else if (c is '<')
            {
                replacement = "&lt;";
            }
            else if (c is '>')
            {
                replacement = "&gt;";
            }
            else if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
            {
                replacement = string.Empty;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            else if (char.IsSurrogate(c))
            {
                replacement = string.Empty;
            }
            else
            {
                continue;
            }

            w.Write(text.AsSpan(start, i - start));
            w.Write(replacement);
            start = i + 1;
        }

        w.Write(text.AsSpan(start));
    }

    private static void WriteNumber(TextWriter w, int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        w.Write(digits[..length]);
    }

    /// <summary>The drop-down lists (on the options sheet), the number rules and the input hints of the data columns.</summary>
    private static void WriteValidations(TextWriter w, IReadOnlyList<WorkbookColumn> columns, List<(string Name, IReadOnlyList<string> Values)> lists)
    {
        var rules = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var range = Invariant($"{WorkbookCells.ColumnName(i)}2:{WorkbookCells.ColumnName(i)}{ValidatedRows + 1}");
            var prompt = column.Prompt is { } p ? $" showInputMessage=\"1\" promptTitle=\"{Xml(column.Header)}\" prompt=\"{Xml(p)}\"" : string.Empty;
            if (column.List is { Count: > 0 } list)
            {
                var at = WorkbookCells.ColumnName(OptionsColumn(lists, list));
                rules.Add(Invariant($"<x:dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请从列表中选择\"{prompt} sqref=\"{range}\"><x:formula1>'{OptionsSheet}'!${at}$2:${at}${list.Count + 1}</x:formula1></x:dataValidation>"));
            }
            else if (column.NonNegative)
            {
                rules.Add(Invariant($"<x:dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写不小于 0 的数字\"{prompt} sqref=\"{range}\"><x:formula1>0</x:formula1></x:dataValidation>"));
            }
            else if (column.NonNegativeWhole)
            {
                rules.Add(Invariant($"<x:dataValidation type=\"whole\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写不小于 0 的整数\"{prompt} sqref=\"{range}\"><x:formula1>0</x:formula1></x:dataValidation>"));
            }
            else if (column.WholeRange is { } whole)
            {
                rules.Add(Invariant($"<x:dataValidation type=\"whole\" operator=\"between\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{Xml(column.Header)}\" error=\"请填写 {whole.Min} 至 {whole.Max} 之间的年份\"{prompt} sqref=\"{range}\"><x:formula1>{whole.Min}</x:formula1><x:formula2>{whole.Max}</x:formula2></x:dataValidation>"));
            }
            else if (column.Prompt is not null)
            {
                // A hint without a rule: any value, the prompt shown when the cell is selected.
                rules.Add(Invariant($"<x:dataValidation allowBlank=\"1\"{prompt} sqref=\"{range}\"/>"));
            }
        }

        if (rules.Count > 0)
        {
            w.Write(Invariant($"<x:dataValidations count=\"{rules.Count}\">{string.Concat(rules)}</x:dataValidations>"));
        }
    }

    /// <summary>Fonts, fills and borders of the header and data cells, and a data cell style per number format.</summary>
    private static void WriteStyles(TextWriter w, List<string> formats)
    {
        w.Write($"<x:styleSheet xmlns:x=\"{Main}\">");
        if (formats.Count > 0)
        {
            w.Write(Invariant($"<x:numFmts count=\"{formats.Count}\">"));
            for (var i = 0; i < formats.Count; i++)
            {
                w.Write(Invariant($"<x:numFmt numFmtId=\"{164 + i}\" formatCode=\"{Xml(formats[i])}\"/>"));
            }

            w.Write("</x:numFmts>");
        }

        w.Write("<x:fonts count=\"2\"><x:font><x:sz val=\"11\"/><x:color rgb=\"FF000000\"/><x:name val=\"Calibri\"/><x:family val=\"2\"/></x:font><x:font><x:b/><x:sz val=\"11\"/><x:color rgb=\"FFFFFFFF\"/><x:name val=\"Calibri\"/><x:family val=\"2\"/></x:font></x:fonts>");
        w.Write("<x:fills count=\"3\"><x:fill><x:patternFill patternType=\"none\"/></x:fill><x:fill><x:patternFill patternType=\"gray125\"/></x:fill><x:fill><x:patternFill patternType=\"solid\"><x:fgColor rgb=\"FF4472C4\"/><x:bgColor indexed=\"64\"/></x:patternFill></x:fill></x:fills>");
        w.Write("<x:borders count=\"2\"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border><x:border><x:left style=\"thin\"><x:color auto=\"1\"/></x:left><x:right style=\"thin\"><x:color auto=\"1\"/></x:right><x:top style=\"thin\"><x:color auto=\"1\"/></x:top><x:bottom style=\"thin\"><x:color auto=\"1\"/></x:bottom><x:diagonal/></x:border></x:borders>");
        w.Write("<x:cellStyleXfs count=\"1\"><x:xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></x:cellStyleXfs>");
        w.Write(Invariant($"<x:cellXfs count=\"{FirstFormatStyle + formats.Count}\"><x:xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><x:xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\"/><x:xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\"/>"));
        for (var i = 0; i < formats.Count; i++)
        {
            w.Write(Invariant($"<x:xf numFmtId=\"{164 + i}\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"/>"));
        }

        w.Write("</x:cellXfs><x:cellStyles count=\"1\"><x:cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></x:cellStyles></x:styleSheet>");
    }

    /// <summary>A part of the package, written as UTF-8 XML straight into the compressed entry.</summary>
    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        write(writer);
    }

    /// <summary>Excel's stored width of a column <paramref name="characters"/> digits wide (7-pixel digits, 5 pixels of padding).</summary>
    private static double ExcelWidth(double characters) => Math.Truncate(((characters * 7) + 5) / 7 * 256) / 256;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Xml(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
