using Reduction.Domain.Assessment;

namespace Reduction.Domain.Tests.Assessment;

public class RateTests
{
    [Theory]
    [InlineData(7499, 10000, 75, 100, -1)]
    [InlineData(7500, 10000, 75, 100, 0)]
    [InlineData(7501, 10000, 75, 100, 1)]
    [InlineData(3, 4, 75, 100, 0)]
    public void CompareTo_Counts_ComparesValuesExactly(long numerator, long denominator, long otherNumerator, long otherDenominator, int expected)
    {
        Assert.Equal(expected, Math.Sign(new Rate(numerator, denominator).CompareTo(new Rate(otherNumerator, otherDenominator))));
    }

    [Fact]
    public void CompareTo_HugeCounts_DoesNotOverflow()
    {
        var almostAll = new Rate(long.MaxValue - 1, long.MaxValue);

        Assert.True(almostAll.CompareTo(new Rate(1, 1)) < 0);
        Assert.True(almostAll.CompareTo(new Rate(99, 100)) > 0);
    }

    [Fact]
    public void IsAtLeast_ZeroDenominator_IsFalse()
    {
        Assert.False(new Rate(0, 0).IsDefined);
        Assert.False(new Rate(0, 0).IsAtLeast(new Rate(0, 1)));
    }

    [Fact]
    public void CompareTo_ZeroDenominator_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Rate(0, 0).CompareTo(new Rate(75, 100)));
    }

    [Fact]
    public void Parse_Fraction_KeepsCounts()
    {
        var rate = Rate.Parse("7600/10000");

        Assert.Equal((7600L, 10000L), (rate.Numerator, rate.Denominator));
        Assert.Equal("7600/10000", rate.ToString());
    }

    [Theory]
    [InlineData("75%")]
    [InlineData("0.75")]
    [InlineData("-1/2")]
    [InlineData("1/2/3")]
    public void Parse_NotAFraction_Throws(string text)
    {
        Assert.Throws<FormatException>(() => Rate.Parse(text));
    }
}
