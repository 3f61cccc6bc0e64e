using System.Globalization;
using System.Numerics;

namespace Reduction.Domain.Assessment;

/// <summary>
/// An exact fraction of big integers. Decimal products can silently round past 28 digits, so rules compare
/// through this type; it is the cross-multiplication (E-P)*100 &lt;= T*P done without any rounding.
/// </summary>
internal readonly struct Rational
{
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        // Keep the denominator positive so comparison by cross-multiplication keeps its direction.
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public int Sign => Numerator.Sign;

    public static Rational FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return new Rational(bits[3] < 0 ? -mantissa : mantissa, BigInteger.Pow(10, scale));
    }

    public static Rational FromRate(Rate rate) => new(rate.Numerator, rate.Denominator);

    public Rational Subtract(Rational other) =>
        new(Numerator * other.Denominator - other.Numerator * Denominator, Denominator * other.Denominator);

    public Rational Multiply(BigInteger factor) => new(Numerator * factor, Denominator);

    public Rational Divide(Rational other) => new(Numerator * other.Denominator, Denominator * other.Numerator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>Rounded half away from zero to <paramref name="decimals"/> places.</summary>
    public Rational Round(int decimals)
    {
        var power = BigInteger.Pow(10, decimals);
        var quotient = BigInteger.DivRem(BigInteger.Abs(Numerator) * power, Denominator, out var remainder);
        if (remainder * 2 >= Denominator)
        {
            quotient++;
        }

        return new Rational(Numerator.Sign < 0 ? -quotient : quotient, power);
    }

    /// <summary>The fewest decimal places (up to <paramref name="maxDecimals"/>) that write the value exactly, or null.</summary>
    public int? ExactDecimals(int maxDecimals)
    {
        for (var decimals = 0; decimals <= maxDecimals; decimals++)
        {
            if ((Numerator * BigInteger.Pow(10, decimals) % Denominator).IsZero)
            {
                return decimals;
            }
        }

        return null;
    }

    /// <summary>The fraction in lowest terms, e.g. "-169/20469".</summary>
    public string ToFractionString()
    {
        var divisor = BigInteger.GreatestCommonDivisor(Numerator, Denominator);
        return string.Create(CultureInfo.InvariantCulture, $"{Numerator / divisor}/{Denominator / divisor}");
    }

    /// <summary>Fixed-point text with exactly <paramref name="decimals"/> places, rounded half away from zero.</summary>
    public string ToFixed(int decimals)
    {
        var rounded = Round(decimals);
        // Round keeps the denominator at 10^decimals, so the numerator is the digit string.
        var digits = BigInteger.Abs(rounded.Numerator)
            .ToString(CultureInfo.InvariantCulture)
            .PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return rounded.Sign < 0 ? "-" + text : text;
    }
}
