using System.Globalization;
using Reduction.Domain.Calendar;

namespace Reduction.Server.Tasks;

/// <summary>How much time a task has left, as its party counts it: calendar days and working days of the party's
/// calendar to the due date, or how many days it is late.</summary>
public static class TaskTiming
{
    /// <summary>"剩 5 天（3 个工作日）", "今天到期", "已逾期 2 天".</summary>
    public static string Left(OfficialCalendar calendar, DateTimeOffset dueAt, DateTimeOffset lateFrom, string? calendarKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var today = BeijingTime.DateOf(now);
        var dueDate = BeijingTime.DateOf(dueAt);
        if (now >= lateFrom)
        {
            var late = Math.Max(1, today.DayNumber - dueDate.DayNumber);
            return string.Create(CultureInfo.InvariantCulture, $"已逾期 {late} 天");
        }

        var days = dueDate.DayNumber - today.DayNumber;
        if (days <= 0)
        {
            return "今天到期";
        }

        try
        {
            var working = calendar.CountWorkingDays(today.AddDays(1), dueDate, calendarKey);
            return string.Create(CultureInfo.InvariantCulture, $"剩 {days} 天（{working} 个工作日）");
        }
        catch (CalendarDataMissingException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"剩 {days} 天（工作日历未录入）");
        }
    }
}
