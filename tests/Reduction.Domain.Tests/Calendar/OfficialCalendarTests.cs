using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class OfficialCalendarTests
{
    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    private static YearArrangement Year(int year, string[] daysOff, string[]? workingDays = null) =>
        new(
            year,
            daysOff.ToDictionary(D, _ => "测试"),
            (workingDays ?? []).ToDictionary(D, _ => "测试"));

    [Fact]
    public void IsWorkingDay_AdjustedSaturday2015_IsWorkingDay()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.True(calendar.IsWorkingDay(D("2015-02-28")));
    }

    [Theory]
    [InlineData("2015-09-03", false)]
    [InlineData("2015-09-04", false)]
    [InlineData("2015-09-05", false)]
    [InlineData("2015-09-06", true)]
    [InlineData("2015-09-07", true)]
    public void IsWorkingDay_VictoryDay2015_FollowsArrangement(string date, bool expected)
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(expected, calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2015-03-13", true)]
    [InlineData("2015-03-14", false)]
    [InlineData("2015-03-15", false)]
    [InlineData("2015-03-16", true)]
    public void IsWorkingDay_OrdinaryWeek_WeekendsOff(string date, bool expected)
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(expected, calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2022-02-26", true)]
    [InlineData("2022-03-01", true)]
    [InlineData("2022-03-02", false)]
    [InlineData("2022-03-04", false)]
    [InlineData("2022-03-07", false)]
    [InlineData("2022-03-08", false)]
    [InlineData("2022-03-09", true)]
    [InlineData("2022-03-12", false)]
    [InlineData("2022-03-13", true)]
    public void IsWorkingDay_TibetanNewYear2022_RegionalArrangementApplies(string date, bool expected)
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(expected, calendar.IsWorkingDay(D(date)));
        Assert.Equal(expected, calendar.IsWorkingDay(D(date), "shigatse"));
    }

    [Fact]
    public void AddOverride_OnePrefecture_OnlyThatPrefectureChanges()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.AddOverride("lhasa", Year(2015, ["2015-03-16"], ["2015-03-21"]));

        Assert.False(calendar.IsWorkingDay(D("2015-03-16"), "lhasa"));
        Assert.True(calendar.IsWorkingDay(D("2015-03-21"), "lhasa"));
        Assert.True(calendar.IsWorkingDay(D("2015-03-16"), "shigatse"));
        Assert.False(calendar.IsWorkingDay(D("2015-03-21"), "shigatse"));
        Assert.True(calendar.IsWorkingDay(D("2015-03-16")));
    }

    [Fact]
    public void AddOverride_DayInRegionalHoliday_PrefectureWinsOverRegion()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.AddOverride("lhasa", Year(2022, [], ["2022-03-08"]));

        Assert.True(calendar.IsWorkingDay(D("2022-03-08"), "lhasa"));
        Assert.False(calendar.IsWorkingDay(D("2022-03-08")));
    }

    [Fact]
    public void AddOverride_NationalHoliday_PrefectureWinsOverNation()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.AddOverride("ngari", Year(2015, [], ["2015-10-08"]));

        Assert.True(calendar.IsWorkingDay(D("2015-10-08"), "ngari"));
        Assert.False(calendar.IsWorkingDay(D("2015-10-07"), "ngari"));
    }

    [Fact]
    public void AddOverride_SecondArrangementSameYear_MergesWithFirst()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.AddOverride("nagqu", Year(2023, ["2023-02-21"]));
        calendar.AddOverride("nagqu", Year(2023, ["2023-08-16"]));

        Assert.False(calendar.IsWorkingDay(D("2023-02-21"), "nagqu"));
        Assert.False(calendar.IsWorkingDay(D("2023-08-16"), "nagqu"));
    }

    [Fact]
    public void AddOverride_FromJson_SameFormatAsShippedFiles()
    {
        var calendar = OfficialCalendar.LoadDefault();
        const string json = """
            {"note": "雪顿节", "years": {"2023": {"holidays": {"2023-08-16": "雪顿节", "2023-08-17": "雪顿节"}, "workdays": {"2023-08-19": "雪顿节"}}}}
            """;

        calendar.AddOverride("lhasa", HolidayArrangement.Parse(json));

        Assert.False(calendar.IsWorkingDay(D("2023-08-17"), "lhasa"));
        Assert.True(calendar.IsWorkingDay(D("2023-08-19"), "lhasa"));
        Assert.True(calendar.IsWorkingDay(D("2023-08-17"), "chamdo"));
    }

    [Fact]
    public void AddOverride_OnOneInstance_DoesNotLeakIntoNewDefault()
    {
        var changed = OfficialCalendar.LoadDefault();

        changed.AddOverride("lhasa", Year(2015, ["2015-03-16"]));

        Assert.True(OfficialCalendar.LoadDefault().IsWorkingDay(D("2015-03-16"), "lhasa"));
    }

    [Fact]
    public void AddRegional_RunTime_AppliesToEveryPrefecture()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.AddRegional(Year(2023, ["2023-02-21", "2023-02-22"], ["2023-02-25"]));

        Assert.False(calendar.IsWorkingDay(D("2023-02-21")));
        Assert.False(calendar.IsWorkingDay(D("2023-02-22"), "ngari"));
        Assert.True(calendar.IsWorkingDay(D("2023-02-25"), "lhasa"));
    }

    [Fact]
    public void IsWorkingDay_YearWithoutNationalData_ThrowsBilingualMessage()
    {
        var calendar = OfficialCalendar.LoadDefault();

        var exception = Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(D("2027-03-15")));

        Assert.Equal("2027年国家节假日安排尚未录入 / no national holiday arrangement loaded for 2027", exception.Message);
        Assert.Equal(2027, exception.Year);
    }

    [Fact]
    public void IsWorkingDay_YearBeforeShippedData_Throws()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(D("2009-12-31")));
    }

    [Fact]
    public void IsWorkingDay_OverrideInYearWithoutNationalData_StillThrows()
    {
        var calendar = OfficialCalendar.LoadDefault();
        calendar.AddOverride("lhasa", Year(2027, ["2027-02-08"]));

        Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(D("2027-02-08"), "lhasa"));
    }

    [Fact]
    public void AddNationalYear_2027_MakesYearUsable()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.AddNationalYear(Year(2027, ["2027-01-01"], ["2027-01-02"]));

        Assert.False(calendar.IsWorkingDay(D("2027-01-01")));
        Assert.True(calendar.IsWorkingDay(D("2027-01-02")));
        Assert.False(calendar.IsWorkingDay(D("2027-01-03")));
        Assert.True(calendar.IsWorkingDay(D("2027-01-04")));
        Assert.Contains(2027, calendar.NationalYears);
    }

    [Fact]
    public void AddNationalYear_ExistingYear_ReplacesWholeYear()
    {
        var calendar = new OfficialCalendar();
        calendar.AddNationalYear(Year(2027, ["2027-01-01", "2027-05-03"]));

        calendar.AddNationalYear(Year(2027, ["2027-01-01"]));

        Assert.True(calendar.IsWorkingDay(D("2027-05-03")));
    }

    [Fact]
    public void AddNationalYears_FromJson_AddsEveryYear()
    {
        var calendar = new OfficialCalendar();
        const string json = """
            {"years": {"2027": {"holidays": {"2027-01-01": "元旦"}, "workdays": {}}, "2028": {"holidays": {"2028-01-03": "元旦"}}}}
            """;

        calendar.AddNationalYears(HolidayArrangement.Parse(json));

        Assert.Equal([2027, 2028], calendar.NationalYears);
        Assert.False(calendar.IsWorkingDay(D("2027-01-01")));
        Assert.False(calendar.IsWorkingDay(D("2028-01-03")));
    }

    [Fact]
    public void NationalYears_Default_Covers2010To2026()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(Enumerable.Range(2010, 17), calendar.NationalYears);
    }

    [Fact]
    public void IsWorkingDay_EmptyCalendar_Throws()
    {
        var calendar = new OfficialCalendar();

        Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(D("2015-03-16")));
    }

    [Fact]
    public void CountWorkingDays_Year2015_Is249()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(249, calendar.CountWorkingDays(D("2015-01-01"), D("2015-12-31")));
    }

    [Fact]
    public void CountWorkingDays_NationalDayMonth2015_Is18()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(18, calendar.CountWorkingDays(D("2015-10-01"), D("2015-10-31")));
    }

    [Fact]
    public void CountWorkingDays_SameWorkingDay_IsOne()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(1, calendar.CountWorkingDays(D("2015-03-16"), D("2015-03-16")));
    }

    [Fact]
    public void CountWorkingDays_FromAfterTo_IsZero()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(0, calendar.CountWorkingDays(D("2015-03-17"), D("2015-03-16")));
    }

    [Fact]
    public void CountWorkingDays_TibetanNewYear2022_RegionAndPrefectureDiffer()
    {
        var calendar = OfficialCalendar.LoadDefault();
        calendar.AddOverride("lhasa", Year(2022, ["2022-03-09"]));

        Assert.Equal(10, calendar.CountWorkingDays(D("2022-02-24"), D("2022-03-14")));
        Assert.Equal(9, calendar.CountWorkingDays(D("2022-02-24"), D("2022-03-14"), "lhasa"));
    }

    [Fact]
    public void CountWorkingDays_RangeIntoMissingYear_Throws()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Throws<CalendarDataMissingException>(() => calendar.CountWorkingDays(D("2026-12-01"), D("2027-01-31")));
    }

    [Fact]
    public void WorkingDays_VictoryDayWeek2015_ListsWorkingDaysInOrder()
    {
        var calendar = OfficialCalendar.LoadDefault();

        var days = calendar.WorkingDays(D("2015-09-01"), D("2015-09-07"));

        Assert.Equal([D("2015-09-01"), D("2015-09-02"), D("2015-09-06"), D("2015-09-07")], days);
    }

    [Fact]
    public void AddWorkingDays_ForwardAcrossNationalDay_SkipsHolidayWeek()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(D("2015-10-08"), calendar.AddWorkingDays(D("2015-09-30"), 1));
        Assert.Equal(D("2015-10-10"), calendar.AddWorkingDays(D("2015-09-30"), 3));
        Assert.Equal(D("2015-10-12"), calendar.AddWorkingDays(D("2015-09-30"), 4));
    }

    [Fact]
    public void AddWorkingDays_BackAcrossNationalDay_SkipsHolidayWeek()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(D("2015-09-30"), calendar.AddWorkingDays(D("2015-10-08"), -1));
        Assert.Equal(D("2015-09-28"), calendar.AddWorkingDays(D("2015-10-10"), -5));
    }

    [Fact]
    public void AddWorkingDays_ForwardAcrossSpringFestival_CountsAdjustedSaturday()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(D("2015-02-28"), calendar.AddWorkingDays(D("2015-02-17"), 4));
    }

    [Fact]
    public void AddWorkingDays_PrefectureOverride_UsesThatCalendar()
    {
        var calendar = OfficialCalendar.LoadDefault();
        calendar.AddOverride("shannan", Year(2015, ["2015-03-17"]));

        Assert.Equal(D("2015-03-17"), calendar.AddWorkingDays(D("2015-03-16"), 1));
        Assert.Equal(D("2015-03-18"), calendar.AddWorkingDays(D("2015-03-16"), 1, "shannan"));
    }

    [Fact]
    public void AddWorkingDays_ZeroOnHoliday_IsNextWorkingDay()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(D("2015-10-08"), calendar.AddWorkingDays(D("2015-10-01"), 0));
        Assert.Equal(D("2015-09-30"), calendar.AddWorkingDays(D("2015-09-30"), 0));
    }

    [Fact]
    public void AddWorkingDays_IntoMissingYear_Throws()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Throws<CalendarDataMissingException>(() => calendar.AddWorkingDays(D("2026-12-31"), 1));
    }

    [Fact]
    public void NextWorkingDayOnOrAfter_Sunday15March2015_IsMonday()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Equal(D("2015-03-16"), calendar.NextWorkingDayOnOrAfter(D("2015-03-15")));
        Assert.Equal(D("2015-03-16"), calendar.NextWorkingDayOnOrAfter(D("2015-03-16")));
    }

    [Fact]
    public void AddOverride_ConcurrentWritersAndReaders_KeepsEveryUpdate()
    {
        var calendar = OfficialCalendar.LoadDefault();
        var keys = Enumerable.Range(0, 64).Select(i => $"key-{i}").ToArray();

        Parallel.Invoke(
            () => Parallel.ForEach(keys, key => calendar.AddOverride(key, Year(2015, ["2015-03-16"]))),
            () =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    calendar.CountWorkingDays(D("2015-03-01"), D("2015-03-31"), keys[i % keys.Length]);
                }
            });

        Assert.All(keys, key => Assert.False(calendar.IsWorkingDay(D("2015-03-16"), key)));
    }

    [Fact]
    public void AddOverride_BlankKey_Throws()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.Throws<ArgumentException>(() => calendar.AddOverride(" ", Year(2015, ["2015-03-16"])));
    }
}
