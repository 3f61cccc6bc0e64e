using System.Globalization;

namespace Reduction.Domain.Calendar;

/// <summary><c>days:+N</c> / <c>days:-N</c>: N calendar days after (before) the anchor, e.g. a reminder 3 days before a due date.</summary>
public sealed record CalendarDaysOffsetRule(int Days) : DeadlineRule
{
    private protected override string Body => string.Create(CultureInfo.InvariantCulture, $"days:{Days:+0;-0;+0}");

    private protected override DateOnly DueDate(DeadlineContext context, OfficialCalendar calendar) => AnchorOf(context).AddDays(Days);
}
