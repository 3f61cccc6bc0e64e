using System.Collections.Frozen;

namespace Reduction.Domain.Calendar;

/// <summary>One year of a holiday arrangement: named days off and adjusted working days (调休).</summary>
public sealed class YearArrangement
{
    /// <param name="year">The year every listed date must fall in.</param>
    /// <param name="daysOff">Days off, each with the holiday's name (e.g. 春节).</param>
    /// <param name="workingDays">Adjusted working days, usually weekends, each with the holiday they make up for.</param>
    public YearArrangement(int year, IReadOnlyDictionary<DateOnly, string> daysOff, IReadOnlyDictionary<DateOnly, string> workingDays)
    {
        if (year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"年份 {year} 无效 / invalid year {year}");
        }

        Year = year;
        DaysOff = Check(year, daysOff, nameof(daysOff));
        WorkingDays = Check(year, workingDays, nameof(workingDays));
        foreach (var date in DaysOff.Keys)
        {
            if (WorkingDays.ContainsKey(date))
            {
                throw new ArgumentException(
                    $"{Text(date)} 不能既是休息日又是工作日 / {Text(date)} cannot be both a day off and a working day",
                    nameof(workingDays));
            }
        }
    }

    public int Year { get; }

    public IReadOnlyDictionary<DateOnly, string> DaysOff { get; }

    public IReadOnlyDictionary<DateOnly, string> WorkingDays { get; }

    /// <summary>Whether this arrangement decides the date: true = working day, false = day off, null = not listed.</summary>
    public bool? Decides(DateOnly date) =>
        DaysOff.ContainsKey(date) ? false : WorkingDays.ContainsKey(date) ? true : null;

    private static FrozenDictionary<DateOnly, string> Check(int year, IReadOnlyDictionary<DateOnly, string> days, string parameter)
    {
        foreach (var date in days.Keys)
        {
            if (date.Year != year)
            {
                throw new ArgumentException(
                    $"{Text(date)} 不属于 {year} 年 / {Text(date)} is not in {year}",
                    parameter);
            }
        }

        return days.ToFrozenDictionary(pair => pair.Key, pair => pair.Value ?? string.Empty);
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
