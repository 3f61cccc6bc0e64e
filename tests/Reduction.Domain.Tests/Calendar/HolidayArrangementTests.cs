using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class HolidayArrangementTests
{
    [Fact]
    public void Parse_NationalFormat_ReadsDaysOffAndWorkingDays()
    {
        const string json = """
            {"source": "国务院办公厅", "note": "测试", "years": {"2027": {"holidays": {"2027-01-01": "元旦"}, "workdays": {"2027-02-06": "春节"}}}}
            """;

        var arrangement = HolidayArrangement.Parse(json);

        var year = Assert.Single(arrangement.Years);
        Assert.Equal(2027, year.Year);
        Assert.Equal("元旦", year.DaysOff[new DateOnly(2027, 1, 1)]);
        Assert.Equal("春节", year.WorkingDays[new DateOnly(2027, 2, 6)]);
        Assert.Equal("国务院办公厅", arrangement.Source);
        Assert.Equal("测试", arrangement.Note);
    }

    [Fact]
    public void ToJson_Parsed_RoundTrips()
    {
        var original = new HolidayArrangement(
            [
                new YearArrangement(
                    2027,
                    new Dictionary<DateOnly, string> { [new DateOnly(2027, 1, 1)] = "元旦" },
                    new Dictionary<DateOnly, string> { [new DateOnly(2027, 2, 6)] = "春节" }),
            ],
            source: "来源",
            note: "说明");

        var copy = HolidayArrangement.Parse(original.ToJson());

        Assert.Equal(original.ToJson(), copy.ToJson());
        Assert.Contains("\"2027-01-01\": \"元旦\"", copy.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltListKey_ThrowsNamingKey()
    {
        const string json = """{"years": {"2027": {"holiday": {"2027-01-01": "元旦"}}}}""";

        var exception = Assert.Throws<FormatException>(() => HolidayArrangement.Parse(json));

        Assert.Contains("holiday", exception.Message, StringComparison.Ordinal);
        Assert.Contains("未知的键", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDate_ThrowsNamingDate()
    {
        const string json = """{"years": {"2027": {"holidays": {"2027-1-1": "元旦"}}}}""";

        var exception = Assert.Throws<FormatException>(() => HolidayArrangement.Parse(json));

        Assert.Contains("'2027-1-1' is not a yyyy-MM-dd date", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DateOutsideItsYear_Throws()
    {
        const string json = """{"years": {"2027": {"holidays": {"2028-01-01": "元旦"}}}}""";

        var exception = Assert.Throws<FormatException>(() => HolidayArrangement.Parse(json));

        Assert.Contains("2028-01-01 is not in 2027", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DayBothOffAndWorking_Throws()
    {
        const string json = """{"years": {"2027": {"holidays": {"2027-01-02": "元旦"}, "workdays": {"2027-01-02": "元旦"}}}}""";

        var exception = Assert.Throws<FormatException>(() => HolidayArrangement.Parse(json));

        Assert.Contains("both a day off and a working day", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => HolidayArrangement.Parse("{years"));
    }

    [Fact]
    public void Parse_NoYears_ThrowsFormatException()
    {
        var exception = Assert.Throws<FormatException>(() => HolidayArrangement.Parse("""{"note": "x"}"""));

        Assert.Contains("years", exception.Message, StringComparison.Ordinal);
    }
}
