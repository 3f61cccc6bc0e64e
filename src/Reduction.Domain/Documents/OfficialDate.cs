using System.Globalization;

namespace Reduction.Domain.Documents;

/// <summary>Dates as written on official documents (GB/T 9704-2012): Arabic numerals, no zero padding.</summary>
public static class OfficialDate
{
    /// <summary>2014-03-05 -> "2014年3月5日".</summary>
    public static string Format(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
