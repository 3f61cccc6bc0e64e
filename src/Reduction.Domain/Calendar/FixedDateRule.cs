using System.Globalization;

namespace Reduction.Domain.Calendar;

/// <summary><c>day:MM-DD</c>: that day of the context year, e.g. <c>day:03-15</c> (每年3月15日前).</summary>
public sealed record FixedDateRule : DeadlineRule
{
    public FixedDateRule(int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{month}月{day}日不是日期 / {month:D2}-{day:D2} is not a day of the year");
        }

        Month = month;
        Day = day;
    }

    public int Month { get; }

    public int Day { get; }

    private protected override string Body => string.Create(CultureInfo.InvariantCulture, $"day:{Month:D2}-{Day:D2}");

    private protected override DateOnly DueDate(DeadlineContext context, OfficialCalendar calendar) =>
        Day <= DateTime.DaysInMonth(context.Year, Month)
            ? new DateOnly(context.Year, Month, Day)
            : throw new ArgumentException($"{context.Year}年没有{Month}月{Day}日（期限规则“{this}”） / {context.Year} has no {Month:D2}-{Day:D2} (deadline rule '{this}')", nameof(context));
}
