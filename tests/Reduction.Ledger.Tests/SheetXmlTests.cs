using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Reduction.Ledger.Workbooks;

namespace Reduction.Ledger.Tests;

/// <summary>The sheet read straight from its XML gives what the Excel library gives for the same package: every kind of
/// cell Excel and WPS write (shared strings with rich text and phonetic runs, inline strings, formulas' cached values,
/// booleans, errors, dates by built-in and custom formats, escaped characters), rows left out as empty rows, and merged
/// cells filled from their top-left cell.</summary>
public sealed class SheetXmlTests
{
    private const string Sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <dimension ref="A1:F6"/>
          <sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="0"/></row>
            <row r="3" spans="1:6">
              <c r="A3" t="inlineStr"><is><t xml:space="preserve"> 拉萨市 </t></is></c>
              <c r="B3"><f>2015+1</f><v>2016</v></c>
              <c r="C3" t="str"><f>"C"&amp;"OD"</f><v>COD</v></c>
              <c r="D3" t="b"><v>1</v></c>
              <c r="E3" t="e"><v>#DIV/0!</v></c>
              <c r="F3" s="1"><v>42736</v></c>
            </row>
            <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" s="2"><v>42767.5</v></c><c r="C4" s="3"><v>0.75</v></c><c r="D4"><v>1.5E-3</v></c><c r="E4" t="s"><v>3</v></c></row>
            <row r="5"/>
            <row r="6"><c r="A6" t="s"><v>4</v></c><c r="B6" s="0"/><c r="C6" s="0"/></row>
            <row r="7"><c r="A7" s="0"/><c r="B7" s="0"/><c r="C7" s="0"/><c r="D7"><v>7</v></c></row>
          </sheetData>
          <mergeCells count="1"><mergeCell ref="A6:C7"/></mergeCells>
        </worksheet>
        """;

    private const string Strings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
          <si><t>地市</t></si>
          <si><r><rPr><b/></rPr><t>排放量</t></r><r><t>（吨）</t></r></si>
          <si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>
          <si><t>第一行_x000D_第二行</t></si>
          <si><t>合并</t></si>
        </sst>
        """;

    private const string Styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
          <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="20"/></cellXfs>
        </styleSheet>
        """;

    [Fact]
    public void EveryCellKind_AsTheLibraryReadsIt_LeftOutRowsEmpty_MergedCellsFilled()
    {
        var package = Package();

        List<Dictionary<string, object?>> rows;
        using (var xml = SheetXml.Open(new MemoryStream(package), "数据")!)
        {
            Assert.True(xml.MergesCells());
            rows = [.. xml.Rows(fillMerged: true).Select(r => r.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value))];
        }

        var library = MiniExcel.Query(new MemoryStream(package), useHeaderRow: false, sheetName: "数据", excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FillMergedCells = true })
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value))
            .ToList();

        Assert.Equal(7, rows.Count);
        Assert.Equal(library, rows);
        Assert.Equal(new Dictionary<string, object?> { ["A"] = "地市", ["B"] = "排放量（吨）" }, rows[0]);
        Assert.Empty(rows[1]);
        Assert.Equal(new Dictionary<string, object?> { ["A"] = " 拉萨市 ", ["B"] = 2016d, ["C"] = "COD", ["D"] = true, ["E"] = "#DIV/0!", ["F"] = new DateTime(2017, 1, 1) }, rows[2]);
        Assert.Equal(new Dictionary<string, object?> { ["A"] = "东京", ["B"] = new DateTime(2017, 2, 1, 12, 0, 0), ["C"] = TimeSpan.FromHours(18), ["D"] = 0.0015, ["E"] = "第一行\r第二行" }, rows[3]);
        Assert.Empty(rows[4]);
        Assert.Equal(new Dictionary<string, object?> { ["A"] = "合并", ["B"] = "合并", ["C"] = "合并" }, rows[5]);
        Assert.Equal(new Dictionary<string, object?> { ["A"] = "合并", ["B"] = "合并", ["C"] = "合并", ["D"] = 7d }, rows[6]);
    }

    [Fact]
    public void NoSuchSheet_Null_BrokenXml_ThrowsWhereItBreaks()
    {
        Assert.Null(SheetXml.Open(new MemoryStream(Package()), "别的表"));

        using var broken = SheetXml.Open(new MemoryStream(Package(Sheet.Replace("</sheetData>", "<row r=\"9\"><c r=\"A9\"><v>1</v></c>", StringComparison.Ordinal))), "数据")!;
        using var rows = broken.Rows(fillMerged: false).GetEnumerator();
        var read = 0;
        Assert.ThrowsAny<System.Xml.XmlException>(() =>
        {
            while (rows.MoveNext())
            {
                read++;
            }
        });
        Assert.Equal(8, read);
    }

    private static byte[] Package(string sheet = Sheet)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml.Trim());
            }

            Part("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                  <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                  <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                  <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                </Types>
                """);
            Part("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Part("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                  <sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """);
            Part("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                </Relationships>
                """);
            Part("xl/worksheets/sheet1.xml", sheet);
            Part("xl/sharedStrings.xml", Strings);
            Part("xl/styles.xml", Styles);
        }

        return buffer.ToArray();
    }
}
