using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Tests.Hosting;

public class HangfireWorkflowSchedulerTests
{
    [Theory]
    [InlineData("2015-03-15T23:59:59.0000000+00:00", "2015-03-15T23:59:59.0000000+00:00")]
    [InlineData("2015-03-15T23:59:58.0000001+00:00", "2015-03-15T23:59:59.0000000+00:00")]
    [InlineData("2015-03-15T09:00:00.9990000+08:00", "2015-03-15T09:00:01.0000000+08:00")]
    public void RoundUpToSecond_AnyInstant_NeverEarlierAndWholeSecond(string due, string expected)
    {
        var rounded = HangfireWorkflowScheduler.RoundUpToSecond(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rounded);
    }
}
