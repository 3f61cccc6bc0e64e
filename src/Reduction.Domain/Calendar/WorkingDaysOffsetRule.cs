using System.Globalization;

namespace Reduction.Domain.Calendar;

/// <summary><c>workdays:+N</c> / <c>workdays:-N</c>: N working days after (before) the anchor, in the context's calendar.</summary>
/// <remarks>+0 is the anchor itself if it is a working day, else the next one (<see cref="OfficialCalendar.AddWorkingDays"/>).</remarks>
public sealed record WorkingDaysOffsetRule(int WorkingDays) : DeadlineRule
{
    private protected override string Body => string.Create(CultureInfo.InvariantCulture, $"workdays:{WorkingDays:+0;-0;+0}");

    private protected override DateOnly DueDate(DeadlineContext context, OfficialCalendar calendar) =>
        calendar.AddWorkingDays(AnchorOf(context), WorkingDays, context.CalendarKey);
}
