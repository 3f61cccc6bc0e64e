using Reduction.Domain.Calendar;
using Reduction.Workflows.Hosting;

namespace Reduction.Workflows.Tests.Hosting;

public sealed class CalendarOptionsTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Build_NationalFileForANewYear_CountsThatYearsWorkingDays()
    {
        File.WriteAllText(_file, """
            { "years": { "2027": { "holidays": { "2027-01-01": "元旦" }, "workdays": {} } } }
            """);

        var calendar = new CalendarOptions { NationalArrangementFiles = [_file] }.Build();

        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 4)));
        Assert.Throws<CalendarDataMissingException>(() => OfficialCalendar.LoadDefault().IsWorkingDay(new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void Build_PrefectureFile_AppliesToThatPrefectureOnly()
    {
        File.WriteAllText(_file, """
            { "years": { "2026": { "holidays": { "2026-03-10": "地方假日" }, "workdays": {} } } }
            """);

        var calendar = new CalendarOptions { PrefectureArrangementFiles = new() { ["ngari"] = [_file] } }.Build();

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 3, 10), "ngari"));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 10), "lhasa"));
    }

    [Fact]
    public void Build_MissingFile_NamesThePath()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CalendarOptions { NationalArrangementFiles = ["/no/such/calendar.json"] }.Build());

        Assert.Contains("/no/such/calendar.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TestFixtureForFutureYears_ParsesWithPlainWeekends()
    {
        var calendar = new CalendarOptions { NationalArrangementFiles = [Reduction.Testing.TestCalendar.FutureYearsFile] }.Build();

        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 2)));
        Assert.Equal(5, calendar.CountWorkingDays(new DateOnly(2029, 12, 24), new DateOnly(2029, 12, 30)));
    }
}
