using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class DeadlineRuleTests
{
    private static YearArrangement DaysOff(int year, params DateOnly[] days) =>
        new(year, days.ToDictionary(d => d, _ => "测试"), new Dictionary<DateOnly, string>());

    [Theory]
    [InlineData("day:03-15")]
    [InlineData("day:02-29")]
    [InlineData("day:12-31 roll-forward")]
    [InlineData("last-day:02")]
    [InlineData("last-day:04 roll-forward")]
    [InlineData("workdays:+5")]
    [InlineData("workdays:-3 roll-forward")]
    [InlineData("workdays:+0")]
    [InlineData("days:+10")]
    [InlineData("days:-3")]
    [InlineData("days:+0 roll-forward")]
    public void Parse_CanonicalText_ToStringRoundTrips(string text)
    {
        var rule = DeadlineRule.Parse(text);

        Assert.Equal(text, rule.ToString());
        Assert.Equal(rule, DeadlineRule.Parse(rule.ToString()));
    }

    [Fact]
    public void Parse_EachForm_GivesMatchingRule()
    {
        Assert.Equal(new FixedDateRule(3, 15), DeadlineRule.Parse("day:03-15"));
        Assert.Equal(new LastDayOfMonthRule(2), DeadlineRule.Parse("last-day:02"));
        Assert.Equal(new WorkingDaysOffsetRule(-3), DeadlineRule.Parse("workdays:-3"));
        Assert.Equal(new CalendarDaysOffsetRule(7) { RollForward = true }, DeadlineRule.Parse("days:+7 roll-forward"));
    }

    [Fact]
    public void Parse_SurroundingSpaces_Ignored()
    {
        Assert.Equal(new FixedDateRule(3, 15), DeadlineRule.Parse("  day:03-15 "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("day")]
    [InlineData("day:3-15")]
    [InlineData("day:03/15")]
    [InlineData("Day:03-15")]
    [InlineData("day: 03-15")]
    [InlineData("last-day:2")]
    [InlineData("workdays:5")]
    [InlineData("workdays:+05")]
    [InlineData("workdays:+")]
    [InlineData("days:-0")]
    [InlineData("weeks:+1")]
    [InlineData("day:03-15 roll")]
    [InlineData("day:03-15 rollforward")]
    [InlineData("roll-forward")]
    public void Parse_BadSyntax_ThrowsMessageNamingText(string text)
    {
        var exception = Assert.Throws<FormatException>(() => DeadlineRule.Parse(text));

        Assert.StartsWith($"无法解析期限规则“{text}”", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"cannot parse deadline rule '{text}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("day:MM-DD", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MonthOutOfRange_ExplainsInBothLanguages()
    {
        var exception = Assert.Throws<FormatException>(() => DeadlineRule.Parse("day:13-01"));

        Assert.Equal(
            "无法解析期限规则“day:13-01”（月份 13 无效）：应为 day:MM-DD、last-day:MM、workdays:+N、workdays:-N、days:+N 或 days:-N，可后接“ roll-forward” / "
                + "cannot parse deadline rule 'day:13-01' (invalid month 13): expected day:MM-DD, last-day:MM, workdays:+N, workdays:-N, days:+N or days:-N, optionally followed by ' roll-forward'",
            exception.Message);
    }

    [Fact]
    public void Parse_DayBeyondMonth_Explains()
    {
        var exception = Assert.Throws<FormatException>(() => DeadlineRule.Parse("day:02-30"));

        Assert.Contains("（2月没有30日）", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(month 2 has no day 30)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BadText_ReturnsFalse()
    {
        Assert.False(DeadlineRule.TryParse("day:99-99", out var rule));
        Assert.Null(rule);
        Assert.False(DeadlineRule.TryParse(null, out _));
    }

    [Theory]
    [InlineData(2012, 29)]
    [InlineData(2015, 28)]
    [InlineData(2016, 29)]
    [InlineData(2020, 29)]
    [InlineData(2024, 29)]
    public void Resolve_LastDayOfFebruary_LeapYearsGive29th(int year, int day)
    {
        var rule = DeadlineRule.Parse("last-day:02");

        var deadline = rule.Resolve(new DeadlineContext(year), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(year, 2, day), deadline.DueDate);
        Assert.Equal(new DateTimeOffset(year, 2, day, 23, 59, 59, TimeSpan.FromHours(8)), deadline.DueInstant);
    }

    [Fact]
    public void Resolve_LastDayOfApril_Is30th()
    {
        var deadline = DeadlineRule.Parse("last-day:04").Resolve(new DeadlineContext(2015), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 4, 30), deadline.DueDate);
    }

    [Fact]
    public void Resolve_Sunday15March2015_DoesNotRollByDefault()
    {
        var deadline = DeadlineRule.Parse("day:03-15").Resolve(new DeadlineContext(2015), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 3, 15), deadline.DueDate);
    }

    [Fact]
    public void Resolve_Sunday15March2015RollForward_IsMonday16March()
    {
        var deadline = DeadlineRule.Parse("day:03-15 roll-forward").Resolve(new DeadlineContext(2015), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 3, 16), deadline.DueDate);
        Assert.Equal(new DateTimeOffset(2015, 3, 16, 23, 59, 59, TimeSpan.FromHours(8)), deadline.DueInstant);
    }

    [Fact]
    public void Resolve_RollForwardOnWorkingDay_KeepsDate()
    {
        var deadline = DeadlineRule.Parse("day:03-15 roll-forward").Resolve(new DeadlineContext(2016), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2016, 3, 15), deadline.DueDate);
    }

    [Fact]
    public void Resolve_RollForwardWithPrefectureKey_UsesPrefectureCalendar()
    {
        var calendar = OfficialCalendar.LoadDefault();
        calendar.AddOverride("lhasa", DaysOff(2015, new DateOnly(2015, 3, 16)));
        var rule = DeadlineRule.Parse("day:03-15 roll-forward");

        Assert.Equal(new DateOnly(2015, 3, 17), rule.Resolve(new DeadlineContext(2015, CalendarKey: "lhasa"), calendar).DueDate);
        Assert.Equal(new DateOnly(2015, 3, 16), rule.Resolve(new DeadlineContext(2015, CalendarKey: "ngari"), calendar).DueDate);
    }

    [Fact]
    public void Resolve_FixedDayWithoutRoll_NeedsNoCalendarData()
    {
        var deadline = DeadlineRule.Parse("day:03-15").Resolve(new DeadlineContext(2030), new OfficialCalendar());

        Assert.Equal(new DateOnly(2030, 3, 15), deadline.DueDate);
    }

    [Fact]
    public void Resolve_RollForwardInYearWithoutData_Throws()
    {
        var rule = DeadlineRule.Parse("day:03-15 roll-forward");

        Assert.Throws<CalendarDataMissingException>(() => rule.Resolve(new DeadlineContext(2030), OfficialCalendar.LoadDefault()));
    }

    [Fact]
    public void Resolve_WorkingDaysAfterAnchor_SkipsNationalDay()
    {
        var rule = DeadlineRule.Parse("workdays:+5");

        var deadline = rule.Resolve(new DeadlineContext(2015, Anchor: new DateOnly(2015, 9, 29)), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 10, 12), deadline.DueDate);
    }

    [Fact]
    public void Resolve_WorkingDaysBeforeAnchor_CountsBack()
    {
        var rule = DeadlineRule.Parse("workdays:-2");

        var deadline = rule.Resolve(new DeadlineContext(2015, Anchor: new DateOnly(2015, 10, 8)), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 9, 29), deadline.DueDate);
    }

    [Fact]
    public void Resolve_CalendarDaysBeforeAnchor_IgnoresHolidays()
    {
        var rule = DeadlineRule.Parse("days:-3");

        var deadline = rule.Resolve(new DeadlineContext(2015, Anchor: new DateOnly(2015, 10, 5)), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 10, 2), deadline.DueDate);
    }

    [Fact]
    public void Resolve_CalendarDaysRollForward_MovesOffHoliday()
    {
        var rule = DeadlineRule.Parse("days:-3 roll-forward");

        var deadline = rule.Resolve(new DeadlineContext(2015, Anchor: new DateOnly(2015, 10, 5)), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateOnly(2015, 10, 8), deadline.DueDate);
    }

    [Fact]
    public void Resolve_OffsetWithoutAnchor_ThrowsNamingRule()
    {
        var rule = DeadlineRule.Parse("workdays:+5");

        var exception = Assert.Throws<ArgumentException>(() => rule.Resolve(new DeadlineContext(2015), OfficialCalendar.LoadDefault()));

        Assert.StartsWith("期限规则“workdays:+5”需要起算日期 / deadline rule 'workdays:+5' needs an anchor date", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_29FebruaryInCommonYear_Throws()
    {
        var rule = DeadlineRule.Parse("day:02-29");

        var exception = Assert.Throws<ArgumentException>(() => rule.Resolve(new DeadlineContext(2015), OfficialCalendar.LoadDefault()));

        Assert.Contains("2015年没有2月29日", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_StartOfDayReading_CarriedIntoDeadline()
    {
        var deadline = DeadlineRule.Parse("day:03-15").Resolve(
            new DeadlineContext(2015, Reading: DeadlineReading.StartOfDay),
            OfficialCalendar.LoadDefault());

        Assert.Equal(new DateTimeOffset(2015, 3, 15, 0, 0, 0, TimeSpan.FromHours(8)), deadline.LateFrom);
    }

    [Fact]
    public void With_RollForward_ChangesTextOnly()
    {
        var rule = DeadlineRule.Parse("last-day:02") with { RollForward = true };

        Assert.Equal("last-day:02 roll-forward", rule.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public void DeadlineContext_YearOutOfRange_Throws(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineContext(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineContext(2015) with { Year = year });
    }
}
