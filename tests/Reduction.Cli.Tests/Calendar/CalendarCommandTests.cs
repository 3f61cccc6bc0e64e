namespace Reduction.Cli.Tests.Calendar;

public class CalendarCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Deadline_SelfCheck2016_PrintsLastSecondOf29February()
    {
        var (exitCode, output, error) = Run("calendar", "deadline", "--rule", "self-check", "--year", "2016");

        Assert.Equal(0, exitCode);
        Assert.Equal("2016-02-29T23:59:59+08:00\n", output);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Deadline_SelfCheck2015_Prints28February()
    {
        var (exitCode, output, _) = Run("calendar", "deadline", "--rule", "self-check", "--year", "2015");

        Assert.Equal(0, exitCode);
        Assert.Equal("2015-02-28T23:59:59+08:00\n", output);
    }

    [Fact]
    public void Deadline_AnnualPlan2015_PrintsSunday15March()
    {
        var (exitCode, output, _) = Run("calendar", "deadline", "--rule", "annual-plan", "--year", "2015");

        Assert.Equal(0, exitCode);
        Assert.Equal("2015-03-15T23:59:59+08:00\n", output);
    }

    [Fact]
    public void Deadline_AnnualPlan2015RollForward_PrintsMonday16March()
    {
        var (exitCode, output, _) = Run("calendar", "deadline", "--rule", "annual-plan", "--year", "2015", "--roll-forward");

        Assert.Equal(0, exitCode);
        Assert.Equal("2015-03-16T23:59:59+08:00\n", output);
    }

    [Fact]
    public void Deadline_Assessment2015WithHistoricalPrefectureName_PrintsEndOfApril()
    {
        var (exitCode, output, _) = Run("calendar", "deadline", "--rule", "assessment", "--year", "2015", "--prefecture", "日喀则地区", "--roll-forward");

        Assert.Equal(0, exitCode);
        Assert.Equal("2015-04-30T23:59:59+08:00\n", output);
    }

    [Fact]
    public void Deadline_UnknownRule_ExitsTwoWithBilingualError()
    {
        var (exitCode, output, error) = Run("calendar", "deadline", "--rule", "plan", "--year", "2015");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("未知的期限“plan”，可选：self-check、annual-plan、assessment / unknown rule 'plan'; valid: self-check, annual-plan, assessment\n", error);
    }

    [Fact]
    public void Deadline_BadYear_ExitsTwo()
    {
        var (exitCode, output, error) = Run("calendar", "deadline", "--rule", "annual-plan", "--year", "20x6");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("--year 的年份“20x6”无效，应为四位年份 / --year: invalid year '20x6', expected a four-digit year\n", error);
    }

    [Fact]
    public void Deadline_RollForwardInYearWithoutData_ExitsTwo()
    {
        var (exitCode, output, error) = Run("calendar", "deadline", "--rule", "annual-plan", "--year", "2030", "--roll-forward");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("2030年国家节假日安排尚未录入 / no national holiday arrangement loaded for 2030\n", error);
    }

    [Fact]
    public void Deadline_UnknownPrefecture_ExitsTwo()
    {
        var (exitCode, output, error) = Run("calendar", "deadline", "--rule", "annual-plan", "--year", "2015", "--prefecture", "成都市");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("未知的地市“成都市”，可选：拉萨市、日喀则市", error, StringComparison.Ordinal);
        Assert.Contains("unknown prefecture '成都市'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_PartyThatIsNotPrefecture_ExitsTwo()
    {
        var (exitCode, output, _) = Run("calendar", "deadline", "--rule", "annual-plan", "--year", "2015", "--prefecture", "西藏自治区环境保护厅");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Workdays_VictoryDayWeek2015_PrintsCountThenDates()
    {
        var (exitCode, output, error) = Run("calendar", "workdays", "--from", "2015-09-01", "--to", "2015-09-07");

        Assert.Equal(0, exitCode);
        Assert.Equal("4\n2015-09-01\n2015-09-02\n2015-09-06\n2015-09-07\n", output);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Workdays_TibetanNewYear2022InLhasa_FollowsRegionalArrangement()
    {
        var (exitCode, output, _) = Run("calendar", "workdays", "--from", "2022-02-24", "--to", "2022-03-14", "--prefecture", "拉萨市");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "10\n2022-02-24\n2022-02-25\n2022-02-26\n2022-02-28\n2022-03-01\n2022-03-09\n2022-03-10\n2022-03-11\n2022-03-13\n2022-03-14\n",
            output);
    }

    [Fact]
    public void Workdays_OnlyHolidays_PrintsZero()
    {
        var (exitCode, output, _) = Run("calendar", "workdays", "--from", "2015-10-01", "--to", "2015-10-07");

        Assert.Equal(0, exitCode);
        Assert.Equal("0\n", output);
    }

    [Fact]
    public void Workdays_FromAfterTo_ExitsTwo()
    {
        var (exitCode, output, error) = Run("calendar", "workdays", "--from", "2015-09-07", "--to", "2015-09-01");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("--from 晚于 --to / --from is after --to\n", error);
    }

    [Fact]
    public void Workdays_BadDate_ExitsTwo()
    {
        var (exitCode, output, error) = Run("calendar", "workdays", "--from", "2015-9-1", "--to", "2015-09-07");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("--from 的日期“2015-9-1”无效，应为 YYYY-MM-DD / --from: invalid date '2015-9-1', expected YYYY-MM-DD\n", error);
    }

    [Fact]
    public void Workdays_RangeIntoYearWithoutData_ExitsTwo()
    {
        var (exitCode, output, error) = Run("calendar", "workdays", "--from", "2026-12-30", "--to", "2027-01-04");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("2027年国家节假日安排尚未录入 / no national holiday arrangement loaded for 2027\n", error);
    }

    [Fact]
    public void Workdays_UnknownPrefecture_ExitsTwo()
    {
        var (exitCode, output, _) = Run("calendar", "workdays", "--from", "2015-09-01", "--to", "2015-09-07", "--prefecture", "不存在");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Help_Calendar_ListsSubcommandsInBothLanguages()
    {
        var (exitCode, output, _) = Run("calendar", "deadline", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--roll-forward", output, StringComparison.Ordinal);
        Assert.Contains("顺延至下一个工作日", output, StringComparison.Ordinal);
        Assert.Contains("next working day", output, StringComparison.Ordinal);
    }
}
