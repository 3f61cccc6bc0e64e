namespace Reduction.Domain.Calendar;

/// <summary>What a <see cref="DeadlineRule"/> is resolved against.</summary>
/// <param name="Year">The year for day:/last-day: rules (the year the deadline falls in).</param>
/// <param name="Anchor">The date workdays:/days: rules count from.</param>
/// <param name="CalendarKey">Whose working days count (a prefecture's party id); null for the region-wide calendar.</param>
/// <param name="Reading">How the due day is read; inclusive by default.</param>
public sealed record DeadlineContext(
    int Year,
    DateOnly? Anchor = null,
    string? CalendarKey = null,
    DeadlineReading Reading = DeadlineReading.InclusiveEndOfDay)
{
    // Checked on construction and on `with`, so a rule never sees a year DateOnly cannot hold.
    public int Year
    {
        get;
        init => field = Checked(value);
    } = Checked(Year);

    private static int Checked(int year) =>
        year is >= 1 and <= 9999
            ? year
            : throw new ArgumentOutOfRangeException(nameof(Year), year, $"年份 {year} 无效 / invalid year {year}");
}
