namespace Reduction.Domain.Calendar;

/// <summary>Beijing time (Asia/Shanghai), in which every deadline and calendar date of the cycle is read.</summary>
public static class BeijingTime
{
    private static readonly TimeOnly LastSecond = new(23, 59, 59);

    /// <summary>The Asia/Shanghai zone.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The same instant, shown with the Beijing offset.</summary>
    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Beijing calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToBeijing(instant).DateTime);

    /// <summary>00:00:00 Beijing time of the date.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => AtLocal(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>23:59:59 Beijing time of the date: the last whole second of the day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => AtLocal(date.ToDateTime(LastSecond));

    private static DateTimeOffset AtLocal(DateTime local) => new(local, Zone.GetUtcOffset(local));

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // Minimal containers may lack tzdata; China has kept UTC+8 without DST since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
