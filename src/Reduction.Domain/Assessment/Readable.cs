using System.Globalization;

namespace Reduction.Domain.Assessment;

/// <summary>zh-CN display strings of findings. For reading only: rules compare exact values, never these.</summary>
internal static class Readable
{
    private const int MinPercentDecimals = 2;
    private const int MaxPercentDecimals = 12;

    public static string Number(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Tonnes(decimal value) => Number(value) + "吨";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A percentage with two decimals, or more when two would hide which side of <paramref name="limit"/>
    /// the value is on (+0.001% against 零增长 shows as "+0.001%", not "0.00%").
    /// </summary>
    public static string PercentAgainst(Rational percent, Rational limit, bool signed)
    {
        var side = Math.Sign(percent.CompareTo(limit));
        var decimals = MinPercentDecimals;
        while (decimals < MaxPercentDecimals && Math.Sign(percent.Round(decimals).CompareTo(limit)) != side)
        {
            decimals++;
        }

        var text = percent.ToFixed(decimals);
        return (signed && percent.Round(decimals).Sign > 0 ? "+" : string.Empty) + text + "%";
    }

    /// <summary>A limit as written (75%, -0.6%, +5% when signed); two decimals only when it has no short exact form.</summary>
    public static string Percent(Rational percent, bool signed = false) =>
        (signed && percent.Sign > 0 ? "+" : string.Empty)
        + percent.ToFixed(percent.ExactDecimals(MaxPercentDecimals) ?? MinPercentDecimals) + "%";
}
