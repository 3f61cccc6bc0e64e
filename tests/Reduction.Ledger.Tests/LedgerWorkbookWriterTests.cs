using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger.Workbooks;
using Reduction.Testing;

namespace Reduction.Ledger.Tests;

/// <summary>Templates and exports: what Excel shows (Chinese sheets, drop-down lists kept on a hidden sheet, frozen
/// header) and that an export reads back to exactly the values stored.</summary>
public sealed class LedgerWorkbookWriterTests
{
    private static readonly WorkbookContext Context = new(PartyDirectory.LoadDefault(), PlanPeriodCatalog.LoadDefault());

    private static readonly LedgerStamp Stamp = new(3, LedgerSources.Correction, "drc-reviewer", new DateTimeOffset(2017, 4, 2, 3, 4, 5, TimeSpan.Zero), "核查更正");

    [Fact]
    public void LedgerTemplate_ForAPrefecture_ItsRowsForTheYear_ListsOnAHiddenSheet_HeaderFrozen()
    {
        var workbook = LedgerWorkbookWriter.LedgerTemplate(Context, 2013, "shigatse");

        var rows = TestWorkbook.Read(workbook, "排放台账");
        Assert.Equal(["地市", "年度", "污染物", "排放源", "企业名称", "排放量（吨）"], rows[0].Values.Select(v => v?.ToString() ?? string.Empty).ToArray());
        Assert.Equal(15, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("日喀则地区", r["A"]));
        var sheet = TestWorkbook.Part(workbook, "xl/worksheets/sheet1.xml");
        Assert.Contains("state=\"frozen\"", sheet, StringComparison.Ordinal);
        Assert.Contains("type=\"list\"", sheet, StringComparison.Ordinal);
        Assert.Contains("'选项'!$A$2:$A$8", sheet, StringComparison.Ordinal);
        Assert.Contains("type=\"decimal\" operator=\"greaterThanOrEqual\"", sheet, StringComparison.Ordinal);
        Assert.Matches("<x:sheet [^>]*name=\"选项\"[^>]* state=\"hidden\"", TestWorkbook.Part(workbook, "xl/workbook.xml"));
        Assert.Contains("日喀则地区", TestWorkbook.Read(workbook, "选项").Select(r => r["A"]?.ToString()));

        // Read back as it is, every row lacks only its figure.
        var read = LedgerWorkbookReader.ReadLedger(workbook, Context);
        Assert.Equal(15, read.Errors.Count);
        Assert.All(read.Errors.Kept, e => Assert.Equal(("F", "排放量不能为空"), (e.Column, e.Message)));
    }

    [Fact]
    public void LedgerExport_ReadsBackToTheSameValues_VersionColumnsIgnored()
    {
        LedgerValue[] values =
        [
            new("lhasa", 2016, "COD", "industrial", string.Empty, 1520.5m),
            new("lhasa", 2016, "COD", "industrial", "拉萨市某水泥厂", 310.125m),
            new("lhasa", 2016, "NOx", "motorVehicles", string.Empty, 0.0001m),
            new("shigatse", 2013, "SO2", "centralised", string.Empty, 98765432.1234m),
            new("shigatse", 2016, "NH3-N", "agricultural", string.Empty, 0m),
        ];

        var workbook = LedgerWorkbookWriter.Ledger(values.Select(v => new LedgerEntry(v, Stamp)).ToList(), Context, null);
        var read = LedgerWorkbookReader.ReadLedger(workbook, Context);

        Assert.True(read.Ok, string.Join("\n", read.Errors.Kept.Select(e => $"{e.Row}{e.Column}: {e.Message}")));
        Assert.Equal(values, read.Values);
        var rows = TestWorkbook.Read(workbook, "排放台账");
        Assert.Equal("日喀则地区", rows[4]["A"]);
        Assert.Equal("审核更正", rows[1]["H"]);
    }

    [Fact]
    public void LedgerExport_NumberFormatsWidthsChineseSheetsAndMarkupInNames_Kept()
    {
        LedgerValue[] values = [new("lhasa", 2016, "COD", "industrial", "拉萨<A&B>水泥厂", 1234.5m)];

        var workbook = LedgerWorkbookWriter.Ledger(values.Select(v => new LedgerEntry(v, Stamp)).ToList(), Context, 2016);

        Assert.Equal(values, LedgerWorkbookReader.ReadLedger(workbook, Context).Values);
        using (var stream = new MemoryStream(workbook))
        {
            Assert.Equal(["排放台账", "填写说明", "选项"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        }

        var styles = TestWorkbook.Part(workbook, "xl/styles.xml");
        Assert.Contains("formatCode=\"#,##0.00##\"", styles, StringComparison.Ordinal);
        Assert.Contains("formatCode=\"yyyy-mm-dd hh:mm\"", styles, StringComparison.Ordinal);
        var sheet = TestWorkbook.Part(workbook, "xl/worksheets/sheet1.xml");
        Assert.Contains("<x:col min=\"6\" max=\"6\" width=\"16.7109375\" customWidth=\"1\"/>", sheet, StringComparison.Ordinal);
        Assert.Contains("<x:autoFilter ref=\"A1:K2\"/>", sheet, StringComparison.Ordinal);
        var row = TestWorkbook.Read(workbook, "排放台账")[1];
        Assert.Equal(new DateTime(2017, 4, 2, 11, 4, 5), row["J"]);
        Assert.Equal(1234.5, row["F"]);
    }

    [Fact]
    public void TargetsAndKeyProjectsExports_ReadBackToTheSameValues()
    {
        TargetValue[] targets =
        [
            new("lhasa", 2016, "COD", "capTonnes", 5230.75m),
            new("lhasa", 2016, "NH3-N", "changeVsPreviousYearPercent", -0.6m),
            new("nagqu", 2015, "SO2", "changeVsBaseYearPercent", 0m),
        ];
        KeyProjectValue[] projects =
        [
            new("lhasa", "拉萨市第二污水处理厂", new DateOnly(2016, 12, 31), "一期"),
            new("shigatse", "日喀则地区污水处理厂", new DateOnly(2013, 6, 30), null),
        ];

        var readTargets = LedgerWorkbookReader.ReadTargets(LedgerWorkbookWriter.Targets(targets.Select(t => new StoredTarget(t, Stamp)).ToList(), Context, null), Context);
        var readProjects = LedgerWorkbookReader.ReadKeyProjects(LedgerWorkbookWriter.KeyProjects(projects.Select(p => new StoredKeyProject(p, Stamp)).ToList(), Context), Context);

        Assert.Equal(targets, readTargets.Values);
        Assert.Equal(projects, readProjects.Values);
    }
}
