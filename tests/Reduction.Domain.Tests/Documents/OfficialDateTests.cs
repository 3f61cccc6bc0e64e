using Reduction.Domain.Documents;

namespace Reduction.Domain.Tests.Documents;

public class OfficialDateTests
{
    [Theory]
    [InlineData(2014, 3, 5, "2014年3月5日")]
    [InlineData(2013, 12, 29, "2013年12月29日")]
    [InlineData(2013, 1, 5, "2013年1月5日")]
    public void Format_Date_ArabicNumeralsWithoutPadding(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, OfficialDate.Format(new DateOnly(year, month, day)));
    }
}
