using System.Globalization;

namespace Reduction.Domain.Assessment;

/// <summary>
/// A rate kept as counts (7600/10000), never as a rounded percentage. Equality is by counts;
/// compare values with <see cref="CompareTo"/>. A zero denominator means "not applicable", not 0%.
/// </summary>
public readonly record struct Rate
{
    public Rate(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        Numerator = numerator;
        Denominator = denominator;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    /// <summary>False when the denominator is zero (nothing to measure).</summary>
    public bool IsDefined => Denominator != 0;

    /// <summary>Compares the values exactly by cross-multiplication (7499/10000 &lt; 75/100 = 7500/10000).</summary>
    /// <exception cref="InvalidOperationException">Either rate has a zero denominator.</exception>
    public int CompareTo(Rate other)
    {
        if (!IsDefined || !other.IsDefined)
        {
            throw new InvalidOperationException($"无法比较分母为0的比率 / cannot compare a rate with a zero denominator: {this} vs {other}");
        }

        // Int128 holds the product of two longs, so no overflow and no rounding.
        return ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);
    }

    /// <summary>True when this rate is defined and at least <paramref name="threshold"/>.</summary>
    public bool IsAtLeast(Rate threshold) => IsDefined && CompareTo(threshold) >= 0;

    /// <summary>Parses "numerator/denominator", e.g. "75/100".</summary>
    /// <exception cref="FormatException">The text is not two non-negative integers separated by '/'.</exception>
    public static Rate Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && long.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var numerator)
            && long.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator))
        {
            return new Rate(numerator, denominator);
        }

        throw new FormatException($"“{text}”不是“分子/分母”形式的比率 / '{text}' is not a rate of the form numerator/denominator");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
