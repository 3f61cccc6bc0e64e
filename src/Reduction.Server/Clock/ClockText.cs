using System.Globalization;
using System.Xml;
using Reduction.Domain.Calendar;

namespace Reduction.Server.Clock;

/// <summary>Reading instants and durations given to the drill clock, and showing its time.</summary>
public static class ClockText
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>An ISO 8601 instant with an offset (`2015-03-16T00:00:00+08:00`, `…Z`), or a date and time without one,
    /// read as Beijing time (`2015-03-16T00:00`, `2015-03-16`).</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = new DateTimeOffset(local, BeijingTime.Zone.GetUtcOffset(local));
            return true;
        }

        // Only forms that carry their offset; "March 16" and other culture-dependent text is refused.
        return (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>An ISO 8601 duration such as `P3D`, `PT2H30M`, `P1DT12H`.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return false;
        }
    }
}
