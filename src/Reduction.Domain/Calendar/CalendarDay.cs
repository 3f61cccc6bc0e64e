namespace Reduction.Domain.Calendar;

/// <summary>How the <see cref="OfficialCalendar"/> decides one date.</summary>
/// <param name="IsWorkingDay">Whether the date is a working day.</param>
/// <param name="Layer">The layer that decided.</param>
/// <param name="Name">The holiday the entry concerns (e.g. 春节 for a day off or an adjusted working day); null for an ordinary day.</param>
public sealed record CalendarDay(DateOnly Date, bool IsWorkingDay, CalendarLayer Layer, string? Name)
{
    /// <summary>A working day on a weekend, or a day off on a weekday, by an arrangement (调休 or a holiday).</summary>
    public bool IsAdjusted => Layer != CalendarLayer.Week && IsWorkingDay == (Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
}
