using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Activities.Timing;

namespace Reduction.Server.Workflows.Design;

/// <summary>What a deadline rule, a reminder or an escalation step resolves to for a cycle year and a party, as the
/// runtime computes it (IssueTask): the day in the party's calendar, the Beijing instant, the weekday and whether
/// that day is a working day. The designer shows it beside every rule it edits.</summary>
public sealed record DeadlinePreview(DateOnly? Date, DateTimeOffset? Instant, bool IsWorkingDay, string Text, string? Error)
{
    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public bool IsValid => Error is null;

    /// <summary>The due date of a task whose rule is <paramref name="rule"/>: its last on-time second.</summary>
    public static DeadlinePreview Due(string? rule, int year, DateOnly? anchor, string? calendarKey, OfficialCalendar calendar)
    {
        if (!TryResolve(rule, year, anchor, calendarKey, calendar, out var deadline, out var error))
        {
            return Failed(error);
        }

        return Of(deadline.DueDate, deadline.DueInstant, calendarKey, calendar, null);
    }

    /// <summary>A reminder <paramref name="offset"/> (e.g. workdays:-3) at <paramref name="at"/> before the due date;
    /// one at or after the late instant is never sent, and says so.</summary>
    public static DeadlinePreview Reminder(string? offset, string? at, Deadline due, int year, string? calendarKey, OfficialCalendar calendar)
    {
        if (!TryStep(offset, at, due, year, calendarKey, calendar, out var day, out var instant, out var error))
        {
            return Failed(error);
        }

        return Of(day, instant, calendarKey, calendar, instant >= due.LateFrom ? "不早于期限，不会发送" : null);
    }

    /// <summary>An escalation step after the due date; one before the late instant waits for it, as the runtime does.</summary>
    public static DeadlinePreview Escalation(string? after, string? at, Deadline due, int year, string? calendarKey, OfficialCalendar calendar)
    {
        if (!TryStep(after, at, due, year, calendarKey, calendar, out var day, out var instant, out var error))
        {
            return Failed(error);
        }

        return instant < due.LateFrom
            ? Of(BeijingTime.DateOf(due.LateFrom), due.LateFrom, calendarKey, calendar, "早于逾期时刻，逾期时发送")
            : Of(day, instant, calendarKey, calendar, null);
    }

    public static bool TryResolve(string? rule, int year, DateOnly? anchor, string? calendarKey, OfficialCalendar calendar, out Deadline deadline, out string error)
    {
        deadline = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(rule))
        {
            error = "未填写期限规则。";
            return false;
        }

        if (!DeadlineRule.TryParse(rule, out var parsed))
        {
            try
            {
                DeadlineRule.Parse(rule);
            }
            catch (FormatException e)
            {
                error = ChineseOf(e.Message);
            }

            return false;
        }

        try
        {
            deadline = parsed.Resolve(new DeadlineContext(year, anchor, calendarKey), calendar);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CalendarDataMissingException)
        {
            error = e is CalendarDataMissingException ? $"日历中没有 {year} 年的节假日安排，无法计算工作日。" : ChineseOf(e.Message);
            return false;
        }
    }

    private static bool TryStep(string? offset, string? at, Deadline due, int year, string? calendarKey, OfficialCalendar calendar, out DateOnly day, out DateTimeOffset instant, out string error)
    {
        day = default;
        instant = default;
        if (!TryResolve(offset, year, due.DueDate, calendarKey, calendar, out var resolved, out error))
        {
            return false;
        }

        day = resolved.DueDate;
        try
        {
            instant = TimeOfDay.On(day, string.IsNullOrWhiteSpace(at) ? "09:00" : at);
            return true;
        }
        catch (FormatException)
        {
            error = $"时刻“{at}”应为 HH:mm（如 09:00）或 end。";
            return false;
        }
    }

    private static DeadlinePreview Of(DateOnly date, DateTimeOffset instant, string? calendarKey, OfficialCalendar calendar, string? note)
    {
        bool working;
        try
        {
            working = calendar.IsWorkingDay(date, calendarKey);
        }
        catch (CalendarDataMissingException)
        {
            return new DeadlinePreview(date, instant, false, $"{Describe(date, instant)}（该年无日历数据）{Suffix(note)}", null);
        }

        return new DeadlinePreview(date, instant, working, $"{Describe(date, instant)}，{(working ? "工作日" : "非工作日")}{Suffix(note)}", null);
    }

    public static string Describe(DateOnly date, DateTimeOffset instant)
    {
        var local = BeijingTime.ToBeijing(instant);
        return string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日 {Weekdays[(int)date.DayOfWeek]} {local:HH:mm}（北京时间）");
    }

    private static string Suffix(string? note) => note is null ? "" : $"；{note}";

    private static DeadlinePreview Failed(string error) => new(null, null, false, error, error);

    private static string ChineseOf(string message)
    {
        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        return split > 0 ? message[..split] : message;
    }
}
