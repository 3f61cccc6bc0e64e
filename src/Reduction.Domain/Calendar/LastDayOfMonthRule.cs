using System.Globalization;

namespace Reduction.Domain.Calendar;

/// <summary><c>last-day:MM</c>: the last day of that month of the context year, e.g. <c>last-day:02</c> (每年2月底前).</summary>
public sealed record LastDayOfMonthRule : DeadlineRule
{
    public LastDayOfMonthRule(int month)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, $"月份 {month} 无效 / invalid month {month}");
        }

        Month = month;
    }

    public int Month { get; }

    private protected override string Body => string.Create(CultureInfo.InvariantCulture, $"last-day:{Month:D2}");

    private protected override DateOnly DueDate(DeadlineContext context, OfficialCalendar calendar) =>
        new(context.Year, Month, DateTime.DaysInMonth(context.Year, Month));
}
