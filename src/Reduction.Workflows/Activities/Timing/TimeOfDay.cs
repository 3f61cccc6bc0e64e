using System.Globalization;
using Reduction.Domain.Calendar;

namespace Reduction.Workflows.Activities.Timing;

/// <summary>"HH:mm" Beijing time on a date, or `end` for the last on-time second (23:59:59).</summary>
public static class TimeOfDay
{
    public static DateTimeOffset On(DateOnly date, string at)
    {
        if (string.Equals(at, "end", StringComparison.Ordinal))
        {
            return BeijingTime.EndOfDay(date);
        }

        if (!TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new FormatException($"时间“{at}”应为 HH:mm 或 end / time '{at}' must be HH:mm or end");
        }

        return BeijingTime.StartOfDay(date).Add(time.ToTimeSpan());
    }
}
