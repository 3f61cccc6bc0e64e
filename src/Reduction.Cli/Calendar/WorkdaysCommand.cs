using System.CommandLine;
using System.Globalization;
using Reduction.Domain.Calendar;

namespace Reduction.Cli.Calendar;

/// <summary>`reduction calendar workdays`: the working days of a date range.</summary>
internal static class WorkdaysCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from")
        {
            Description = "起始日期（含） / First date, included.",
            Required = true,
            HelpName = "YYYY-MM-DD",
        };
        var to = new Option<string>("--to")
        {
            Description = "结束日期（含） / Last date, included.",
            Required = true,
            HelpName = "YYYY-MM-DD",
        };
        var prefecture = CalendarInput.PrefectureOption();

        var command = new Command(
            "workdays",
            "统计日期范围内的工作日（含法定节假日、调休和西藏地方节假日）：首行为天数，其后每行一个日期 / "
                + "Count the working days in a date range (national holidays, adjusted working days, Tibet regional holidays): "
                + "the count on the first line, then one date per line.")
        {
            from,
            to,
            prefecture,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (!CalendarInput.TryParseDate(parseResult.GetValue(from)!, "--from", out var first, out var message)
                || !CalendarInput.TryParseDate(parseResult.GetValue(to)!, "--to", out var last, out message)
                || !CalendarInput.TryResolvePrefecture(parseResult.GetValue(prefecture), out var calendarKey, out message))
            {
                return CalendarInput.Invalid(error, message);
            }

            if (first > last)
            {
                return CalendarInput.Invalid(error, "--from 晚于 --to / --from is after --to");
            }

            IReadOnlyList<DateOnly> days;
            try
            {
                days = OfficialCalendar.LoadDefault().WorkingDays(first, last, calendarKey);
            }
            catch (CalendarDataMissingException exception)
            {
                return CalendarInput.Invalid(error, exception.Message);
            }

            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(days.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var day in days)
            {
                output.WriteLine(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return 0;
        });
        return command;
    }
}
