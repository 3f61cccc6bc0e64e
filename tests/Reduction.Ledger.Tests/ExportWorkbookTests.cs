using Reduction.Ledger.Workbooks;
using Reduction.Testing;

namespace Reduction.Ledger.Tests;

/// <summary>An export of several sheets: each under its Chinese name with its header frozen and filtered, columns
/// sized, numbers and dates kept as such; a header two sheets share must be the same column in both.</summary>
public sealed class ExportWorkbookTests
{
    private static readonly WorkbookColumn Name = new("地市", typeof(string), 14);

    [Fact]
    public void Write_TwoSheets_EachFrozenFilteredSized_ValuesTyped()
    {
        var workbook = ExportWorkbook.Write(
        [
            new WorkbookSheet("考核结果", [Name, new("考核年度", typeof(int), 10, "0"), new("期限", typeof(DateTime), 20, "yyyy-mm-dd hh:mm")], [["拉萨市", 2015, new DateTime(2016, 4, 20, 23, 59, 0)], ["日喀则市", null, null]]),
            new WorkbookSheet("考核明细", [Name, new("说明", typeof(string), 50)], [["拉萨市", "较上年变化率：上年800吨，本年900吨"]]),
        ]);

        Assert.Contains("name=\"考核结果\"", TestWorkbook.Part(workbook, "xl/workbook.xml"), StringComparison.Ordinal);
        Assert.Contains("name=\"考核明细\"", TestWorkbook.Part(workbook, "xl/workbook.xml"), StringComparison.Ordinal);
        foreach (var part in new[] { "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml" })
        {
            var sheet = TestWorkbook.Part(workbook, part);
            Assert.Contains("state=\"frozen\"", sheet, StringComparison.Ordinal);
            Assert.Contains("<x:autoFilter", sheet, StringComparison.Ordinal);
            Assert.Contains("width=\"14", sheet, StringComparison.Ordinal);
        }

        Assert.Contains("yyyy-mm-dd hh:mm", TestWorkbook.Part(workbook, "xl/styles.xml"), StringComparison.Ordinal);
        var results = TestWorkbook.Read(workbook, "考核结果");
        Assert.Equal(["地市", "考核年度", "期限"], results[0].Values.Select(v => v?.ToString() ?? string.Empty).ToArray());
        Assert.Equal(2015d, results[1]["B"]);
        Assert.Equal(new DateTime(2016, 4, 20, 23, 59, 0), results[1]["C"]);
        Assert.Null(results[2]["B"]);
        Assert.Equal("较上年变化率：上年800吨，本年900吨", TestWorkbook.Read(workbook, "考核明细")[1]["B"]);
    }

    [Fact]
    public void Write_AHeaderSizedDifferentlyInTwoSheets_OrTwoSheetsOfOneName_Refused()
    {
        Assert.Throws<ArgumentException>(() => ExportWorkbook.Write([new WorkbookSheet("甲", [Name], []), new WorkbookSheet("乙", [Name with { Width = 20 }], [])]));
        Assert.Throws<ArgumentException>(() => ExportWorkbook.Write([new WorkbookSheet("甲", [Name], []), new WorkbookSheet("甲", [Name], [])]));
        Assert.Throws<ArgumentException>(() => ExportWorkbook.Write([]));
    }
}
