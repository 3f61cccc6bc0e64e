namespace Reduction.Domain.Calendar;

/// <summary>A date falls in a year whose national holiday arrangement has not been loaded: working days there are unknown.</summary>
public sealed class CalendarDataMissingException : Exception
{
    public CalendarDataMissingException()
    {
    }

    public CalendarDataMissingException(string message)
        : base(message)
    {
    }

    public CalendarDataMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarDataMissingException(int year)
        : base($"{year}年国家节假日安排尚未录入 / no national holiday arrangement loaded for {year}")
    {
        Year = year;
    }

    /// <summary>The year without data, when known.</summary>
    public int? Year { get; }
}
