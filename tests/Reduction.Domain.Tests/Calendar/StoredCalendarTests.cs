using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class StoredCalendarTests
{
    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    private static YearArrangement Year(int year, string[] daysOff, string[]? workingDays = null, string name = "测试") =>
        new(year, daysOff.ToDictionary(D, _ => name), (workingDays ?? []).ToDictionary(D, _ => name));

    private static StoredCalendar Stored(
        YearArrangement[]? national = null,
        YearArrangement[]? regional = null,
        Dictionary<string, IReadOnlyList<YearArrangement>>? overrides = null) =>
        new(national ?? [], regional ?? [], overrides ?? []);

    [Fact]
    public void ApplyStored_NationalYear_ReplacesTheShippedYearWhole()
    {
        var calendar = OfficialCalendar.LoadDefault();
        Assert.False(calendar.IsWorkingDay(D("2015-10-01")));

        calendar.ApplyStored(Stored(national: [Year(2015, ["2015-12-31"])]));

        Assert.True(calendar.IsWorkingDay(D("2015-10-01")));
        Assert.False(calendar.IsWorkingDay(D("2015-12-31")));
        Assert.Equal(CalendarLayer.Week, calendar.Explain(D("2015-10-01")).Layer);
    }

    [Fact]
    public void ApplyStored_YearWithoutNationalData_BecomesKnown()
    {
        var calendar = OfficialCalendar.LoadDefault();
        Assert.False(calendar.HasNationalYear(2027));
        Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(D("2027-01-04")));

        calendar.ApplyStored(Stored(national: [Year(2027, ["2027-01-01"], ["2027-02-06"], "元旦")]));

        Assert.True(calendar.HasNationalYear(2027));
        Assert.False(calendar.IsWorkingDay(D("2027-01-01")));
        Assert.True(calendar.IsWorkingDay(D("2027-02-06")));
        Assert.Equal(new CalendarDay(D("2027-02-06"), true, CalendarLayer.National, "元旦"), calendar.Explain(D("2027-02-06")));
    }

    [Fact]
    public void ApplyStored_Again_DropsYearsNoLongerStored()
    {
        var calendar = OfficialCalendar.LoadDefault();
        calendar.ApplyStored(Stored(national: [Year(2027, [])], overrides: new() { ["lhasa"] = [Year(2027, ["2027-03-01"])] }));
        Assert.False(calendar.IsWorkingDay(D("2027-03-01"), "lhasa"));

        calendar.ApplyStored(Stored(national: [Year(2027, [])]));

        Assert.True(calendar.IsWorkingDay(D("2027-03-01"), "lhasa"));
        calendar.ApplyStored(StoredCalendar.Empty);
        Assert.False(calendar.HasNationalYear(2027));
    }

    [Fact]
    public void ApplyStored_RegionalYear_ReplacesShippedRegionalEntriesOfThatYear()
    {
        var calendar = OfficialCalendar.LoadDefault();
        Assert.False(calendar.IsWorkingDay(D("2022-03-02")));

        calendar.ApplyStored(Stored(regional: [Year(2022, ["2022-08-15"], name: "雪顿节")]));

        Assert.True(calendar.IsWorkingDay(D("2022-03-02")));
        Assert.Equal(new CalendarDay(D("2022-08-15"), false, CalendarLayer.Regional, "雪顿节"), calendar.Explain(D("2022-08-15")));
    }

    [Fact]
    public void ApplyStored_PrefectureYear_DecidesBeforeRegionalOnlyForItsKey()
    {
        var calendar = OfficialCalendar.LoadDefault();

        calendar.ApplyStored(Stored(overrides: new() { ["lhasa"] = [Year(2022, [], ["2022-03-02"], "藏历新年")] }));

        Assert.True(calendar.IsWorkingDay(D("2022-03-02"), "lhasa"));
        Assert.Equal(CalendarLayer.Prefecture, calendar.Explain(D("2022-03-02"), "lhasa").Layer);
        Assert.False(calendar.IsWorkingDay(D("2022-03-02"), "ngari"));
        Assert.Equal(CalendarLayer.Regional, calendar.Explain(D("2022-03-02"), "ngari").Layer);
    }

    [Fact]
    public void AddNationalYear_AfterApplyStored_StoredYearsStayOnTop()
    {
        var calendar = OfficialCalendar.LoadDefault();
        calendar.ApplyStored(Stored(national: [Year(2027, ["2027-01-01"])]));

        calendar.AddNationalYear(Year(2027, ["2027-01-04"]));
        calendar.AddNationalYear(Year(2028, ["2028-01-03"]));

        Assert.False(calendar.IsWorkingDay(D("2027-01-01")));
        Assert.True(calendar.IsWorkingDay(D("2027-01-04")));
        Assert.False(calendar.IsWorkingDay(D("2028-01-03")));
    }

    [Fact]
    public void Explain_AdjustedDays_AreMarked()
    {
        var calendar = OfficialCalendar.LoadDefault();

        Assert.True(calendar.Explain(D("2015-02-28")).IsAdjusted);
        Assert.True(calendar.Explain(D("2015-10-01")).IsAdjusted);
        Assert.False(calendar.Explain(D("2015-03-14")).IsAdjusted);
        Assert.False(calendar.Explain(D("2015-03-16")).IsAdjusted);
    }
}
