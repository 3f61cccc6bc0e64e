using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class DeadlineTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void DueInstant_InclusiveReading_IsLastSecondOfDueDate()
    {
        var deadline = new Deadline(new DateOnly(2015, 3, 15));

        Assert.Equal(new DateTimeOffset(2015, 3, 15, 23, 59, 59, Beijing), deadline.DueInstant);
        Assert.Equal(new DateTimeOffset(2015, 3, 16, 0, 0, 0, Beijing), deadline.LateFrom);
    }

    [Fact]
    public void IsOnTime_LastSecondOfDueDate_IsOnTime()
    {
        var deadline = new Deadline(new DateOnly(2015, 3, 15));

        Assert.True(deadline.IsOnTime(new DateTimeOffset(2015, 3, 15, 23, 59, 59, Beijing)));
        Assert.True(deadline.IsOnTime(new DateTimeOffset(2015, 3, 15, 23, 59, 59, 999, Beijing)));
    }

    [Fact]
    public void IsOnTime_MidnightNextDay_IsLate()
    {
        var deadline = new Deadline(new DateOnly(2015, 3, 15));

        Assert.False(deadline.IsOnTime(new DateTimeOffset(2015, 3, 16, 0, 0, 0, Beijing)));
    }

    [Fact]
    public void IsOnTime_UtcInstants_ComparedInBeijingTime()
    {
        var deadline = new Deadline(new DateOnly(2015, 3, 15));

        Assert.True(deadline.IsOnTime(new DateTimeOffset(2015, 3, 15, 15, 59, 59, TimeSpan.Zero)));
        Assert.False(deadline.IsOnTime(new DateTimeOffset(2015, 3, 15, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOnTime_StartOfDayReading_LateFromMidnightOfDueDate()
    {
        var deadline = new Deadline(new DateOnly(2015, 3, 15), DeadlineReading.StartOfDay);

        Assert.Equal(new DateTimeOffset(2015, 3, 14, 23, 59, 59, Beijing), deadline.DueInstant);
        Assert.Equal(new DateTimeOffset(2015, 3, 15, 0, 0, 0, Beijing), deadline.LateFrom);
        Assert.True(deadline.IsOnTime(new DateTimeOffset(2015, 3, 14, 23, 59, 59, Beijing)));
        Assert.False(deadline.IsOnTime(new DateTimeOffset(2015, 3, 15, 0, 0, 0, Beijing)));
    }
}
