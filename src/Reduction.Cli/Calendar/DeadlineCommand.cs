using System.CommandLine;
using System.Globalization;
using Reduction.Domain.Calendar;

namespace Reduction.Cli.Calendar;

/// <summary>`reduction calendar deadline`: the last on-time instant of a standard deadline.</summary>
internal static class DeadlineCommand
{
    public static Command Create()
    {
        var rule = new Option<string>("--rule")
        {
            Description = "期限：self-check（全区自查报告，2月底前）、annual-plan（地市年度减排计划，3月15日前）、assessment（考核结果，4月底前） / "
                + "Deadline: self-check (region's self-check report, by end of February), annual-plan (prefecture's annual plan, by 15 March), assessment (results, by end of April).",
            Required = true,
            HelpName = string.Join("|", StandardDeadlines.Keys),
        };
        var year = new Option<string>("--year")
        {
            Description = "期限所在年份 / Year the deadline falls in.",
            Required = true,
            HelpName = "YYYY",
        };
        var prefecture = CalendarInput.PrefectureOption();
        var rollForward = new Option<bool>("--roll-forward")
        {
            Description = "期限日非工作日时顺延至下一个工作日 / Move a deadline that falls on a non-working day to the next working day.",
        };

        var command = new Command(
            "deadline",
            "输出期限的最后准时时刻（北京时间，ISO 8601），如 2016-02-29T23:59:59+08:00 / "
                + "Print a deadline's last on-time instant in Beijing time (ISO 8601), e.g. 2016-02-29T23:59:59+08:00.")
        {
            rule,
            year,
            prefecture,
            rollForward,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var ruleKey = parseResult.GetValue(rule)!;
            if (!StandardDeadlines.TryGet(ruleKey, out var deadlineRule))
            {
                return CalendarInput.Invalid(
                    error,
                    $"未知的期限“{ruleKey}”，可选：{string.Join("、", StandardDeadlines.Keys)} / unknown rule '{ruleKey}'; valid: {string.Join(", ", StandardDeadlines.Keys)}");
            }

            if (!CalendarInput.TryParseYear(parseResult.GetValue(year)!, out var deadlineYear, out var message)
                || !CalendarInput.TryResolvePrefecture(parseResult.GetValue(prefecture), out var calendarKey, out message))
            {
                return CalendarInput.Invalid(error, message);
            }

            if (parseResult.GetValue(rollForward))
            {
                deadlineRule = deadlineRule with { RollForward = true };
            }

            Deadline deadline;
            try
            {
                deadline = deadlineRule.Resolve(new DeadlineContext(deadlineYear, CalendarKey: calendarKey), OfficialCalendar.LoadDefault());
            }
            catch (CalendarDataMissingException exception)
            {
                return CalendarInput.Invalid(error, exception.Message);
            }

            parseResult.InvocationConfiguration.Output.WriteLine(
                deadline.DueInstant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }
}
