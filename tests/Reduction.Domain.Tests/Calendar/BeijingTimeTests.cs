using Reduction.Domain.Calendar;

namespace Reduction.Domain.Tests.Calendar;

public class BeijingTimeTests
{
    [Fact]
    public void DateOf_UtcAfternoon_IsNextBeijingDate()
    {
        var instant = new DateTimeOffset(2015, 3, 15, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2015, 3, 16), BeijingTime.DateOf(instant));
    }

    [Fact]
    public void DateOf_UtcMorning_IsSameBeijingDate()
    {
        var instant = new DateTimeOffset(2015, 3, 15, 15, 59, 59, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2015, 3, 15), BeijingTime.DateOf(instant));
    }

    [Fact]
    public void StartOfDay_Date_IsMidnightPlusEight()
    {
        var start = BeijingTime.StartOfDay(new DateOnly(2016, 2, 29));

        Assert.Equal(new DateTimeOffset(2016, 2, 29, 0, 0, 0, TimeSpan.FromHours(8)), start);
        Assert.Equal(TimeSpan.FromHours(8), start.Offset);
    }

    [Fact]
    public void EndOfDay_Date_IsLastSecondPlusEight()
    {
        var end = BeijingTime.EndOfDay(new DateOnly(2016, 2, 29));

        Assert.Equal(new DateTimeOffset(2016, 2, 29, 23, 59, 59, TimeSpan.FromHours(8)), end);
        Assert.Equal(TimeSpan.FromHours(8), end.Offset);
    }

    [Fact]
    public void ToBeijing_UtcInstant_KeepsInstantWithPlusEightOffset()
    {
        var utc = new DateTimeOffset(2015, 3, 15, 16, 0, 0, TimeSpan.Zero);

        var beijing = BeijingTime.ToBeijing(utc);

        Assert.Equal(utc, beijing);
        Assert.Equal(new DateTime(2015, 3, 16, 0, 0, 0), beijing.DateTime);
        Assert.Equal(TimeSpan.FromHours(8), beijing.Offset);
    }

    [Fact]
    public void Zone_Id_IsAsiaShanghai()
    {
        Assert.Equal("Asia/Shanghai", BeijingTime.Zone.Id);
    }
}
