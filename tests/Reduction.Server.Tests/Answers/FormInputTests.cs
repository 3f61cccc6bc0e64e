using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Tests.Answers;

public sealed class FormInputTests
{
    [Theory]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("12,345,678", "12345678")]
    [InlineData("１２，３４５．５", "12345.5")]
    [InlineData("-1,000", "-1000")]
    [InlineData("1234.5", "1234.5")]
    public void Decimal_ThousandsGroups_Accepted(string typed, string expected)
    {
        var state = new FormState { Values = { ["tonnes"] = typed } };

        var value = FormInput.Decimal(state, "tonnes", "排放量", required: true, allowNegative: true);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.False(state.HasErrors);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,2,3")]
    [InlineData("12,34")]
    [InlineData(",5")]
    [InlineData("1,234,5")]
    [InlineData("１，５")]
    public void Decimal_CommasThatAreNotThousandsGroups_RefusedWithTheReason(string typed)
    {
        var state = new FormState { Values = { ["tonnes"] = typed } };

        var value = FormInput.Decimal(state, "tonnes", "排放量", required: true);

        Assert.Null(value);
        Assert.StartsWith("排放量的千位分隔符位置不对：", state.Error("tonnes"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12,345", 12345L)]
    [InlineData("1,2,3", null)]
    [InlineData("1,5", null)]
    public void Count_CommasOnlyAsThousandsGroups(string typed, long? expected)
    {
        var state = new FormState { Values = { ["count"] = typed } };

        var value = FormInput.Count(state, "count", "条数");

        Assert.Equal(expected, value);
        Assert.Equal(expected is null, state.Error("count")?.Contains("千位分隔符位置不对", StringComparison.Ordinal) ?? false);
    }
}
