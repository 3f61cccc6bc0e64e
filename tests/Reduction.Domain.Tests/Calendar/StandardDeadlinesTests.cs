using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class StandardDeadlinesTests
{
    [Theory]
    [InlineData("annual-plan", "day:03-15")]
    [InlineData("self-check", "last-day:02")]
    [InlineData("assessment", "last-day:04")]
    public void Get_KnownKey_GivesRule(string key, string rule)
    {
        Assert.Equal(rule, StandardDeadlines.Get(key).ToString());
    }

    [Fact]
    public void Get_UnknownKey_ThrowsListingValidKeys()
    {
        var exception = Assert.Throws<ArgumentException>(() => StandardDeadlines.Get("plan"));

        Assert.Contains("未知的期限“plan”，可选：self-check、annual-plan、assessment", exception.Message, StringComparison.Ordinal);
        Assert.Contains("unknown deadline 'plan'; valid keys: self-check, annual-plan, assessment", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_Null_ReturnsFalse()
    {
        Assert.False(StandardDeadlines.TryGet(null, out _));
    }

    [Fact]
    public void Get_SelfCheck2016_DueLastSecondOf29February()
    {
        var deadline = StandardDeadlines.Get(StandardDeadlines.SelfCheck).Resolve(new DeadlineContext(2016), OfficialCalendar.LoadDefault());

        Assert.Equal(new DateTimeOffset(2016, 2, 29, 23, 59, 59, TimeSpan.FromHours(8)), deadline.DueInstant);
    }
}
