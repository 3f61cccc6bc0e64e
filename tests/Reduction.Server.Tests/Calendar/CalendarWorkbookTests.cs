using MiniExcelLibs;
using Reduction.Server.Calendar;

namespace Reduction.Server.Tests.Calendar;

/// <summary>The calendar import's Excel workbook: rows of 日期 | 安排 | 名称 | 来源 become the JSON data file the import
/// checks; a row that cannot be read is named by its number and nothing is taken.</summary>
public class CalendarWorkbookTests
{
    private static byte[] Workbook(params Dictionary<string, object>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "节假日安排");
        return stream.ToArray();
    }

    private static Dictionary<string, object> Row(object date, string kind, string name, string source = "") =>
        new() { ["日期"] = date, ["安排"] = kind, ["名称"] = name, ["来源"] = source };

    [Fact]
    public void Parse_DatesAsExcelDatesAndAsText_DaysOffAndWorkedDaysByYear()
    {
        var (file, error) = CalendarWorkbook.ParseUpload(Workbook(
            Row(new DateTime(2027, 2, 6), "放假", "春节", "国办发明电〔2026〕9号"),
            Row("2027/2/7", "休", "春节"),
            Row("2027年2月14日", "上班", "春节"),
            Row("2028-01-01", "放假", string.Empty)));

        Assert.Null(error);
        Assert.Equal("国办发明电〔2026〕9号", file!.Source);
        var y2027 = file.Years.Single(y => y.Year == 2027);
        Assert.Equal(["2027-02-06", "2027-02-07"], y2027.DaysOff.Keys.Order().Select(d => d.ToString("yyyy-MM-dd")));
        Assert.Equal("春节", y2027.DaysOff[new DateOnly(2027, 2, 6)]);
        Assert.Equal([new DateOnly(2027, 2, 14)], y2027.WorkingDays.Keys);
        Assert.Equal("放假", file.Years.Single(y => y.Year == 2028).DaysOff[new DateOnly(2028, 1, 1)]);
    }

    [Theory]
    [InlineData("2027-02-30", "放假", "第 3 行：日期“2027-02-30”无法识别")]
    [InlineData("2027-02-08", "调休", "第 3 行：安排“调休”无法识别，应为“放假”或“上班”")]
    [InlineData("2027-02-06", "上班", "第 3 行：2027-02-06 已在前面的行中出现")]
    public void Parse_ABadRow_IsNamedByItsRowAndNothingIsTaken(string date, string kind, string message)
    {
        var (file, error) = CalendarWorkbook.ParseUpload(Workbook(Row("2027-02-06", "放假", "春节"), Row(date, kind, "春节")));

        Assert.Null(file);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAWorkbookOrWithoutTheHeader_IsRefusedInChinese()
    {
        var (broken, brokenError) = CalendarWorkbook.ParseUpload([(byte)'P', (byte)'K', 3, 4, 1, 2, 3]);
        var (noHeader, headerError) = CalendarWorkbook.ParseUpload(Workbook(new Dictionary<string, object> { ["Date"] = "2027-02-06" }));
        var (json, jsonError) = CalendarWorkbook.ParseUpload("\uFEFF{\"years\": {\"2027\": {\"holidays\": {\"2027-08-16\": \"雪顿节\"}}}}"u8.ToArray());

        Assert.Null(broken);
        Assert.StartsWith("无法读取 Excel 文件", brokenError, StringComparison.Ordinal);
        Assert.Null(noHeader);
        Assert.Contains("缺少“日期”或“安排”列", headerError, StringComparison.Ordinal);
        Assert.Null(jsonError);
        Assert.Equal("雪顿节", json!.Years.Single().DaysOff[new DateOnly(2027, 8, 16)]);
    }

    [Fact]
    public void Template_ReadsBackAsTheArrangementItShows()
    {
        var (file, error) = CalendarWorkbook.ParseUpload(CalendarWorkbook.Template());

        Assert.Null(error);
        var year = file!.Years.Single();
        Assert.Equal(2027, year.Year);
        Assert.Equal("春节", year.DaysOff[new DateOnly(2027, 2, 6)]);
        Assert.Equal("春节", year.WorkingDays[new DateOnly(2027, 2, 14)]);
    }
}
