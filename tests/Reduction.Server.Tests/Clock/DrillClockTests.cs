using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Reduction.Server.Clock;
using Reduction.Workflows.Hosting;

namespace Reduction.Server.Tests.Clock;

/// <summary>The drill clock on a fake real clock: virtual wall time at its speed, forward-only moves, real timestamps
/// and timers; reading its settings and instants.</summary>
public sealed class DrillClockTests
{
    private static readonly DateTimeOffset Start = new(2015, 1, 5, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void New_ShowsTheStartInstant_ThenRunsWithRealTime()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var clock = new DrillClock(Start, real: real);

        Assert.Equal(Start, clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);

        real.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(Start.AddMilliseconds(1500), clock.GetUtcNow());
    }

    [Fact]
    public void Speed_SixtyVirtualSecondsPerRealSecond()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(Start, speed: 60, real: real);

        real.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Start.AddMinutes(10), clock.GetUtcNow());
        Assert.Equal(60, clock.Speed);
    }

    [Fact]
    public void AdvanceTo_Later_JumpsThere_ReturnsWhereItWas_AndRunsOnFromThere()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(Start, speed: 2, real: real);
        real.Advance(TimeSpan.FromSeconds(30));
        var target = new DateTimeOffset(2015, 3, 16, 0, 0, 0, TimeSpan.FromHours(8));

        var from = clock.AdvanceTo(target);

        Assert.Equal(Start.AddMinutes(1), from);
        Assert.Equal(target, clock.GetUtcNow());
        real.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(target.AddSeconds(10), clock.GetUtcNow());
        Assert.Equal(Start, clock.Start);
    }

    [Fact]
    public void AdvanceTo_EarlierOrNow_RefusedWithBothInstants_ClockUnchanged()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(Start, real: real);
        clock.AdvanceTo(Start.AddDays(10));

        var back = Assert.Throws<DrillClockException>(() => clock.AdvanceTo(Start.AddDays(9)));
        var same = Assert.Throws<DrillClockException>(() => clock.AdvanceTo(Start.AddDays(10)));

        Assert.Equal(Start.AddDays(10), back.Now);
        Assert.Equal(Start.AddDays(9), back.Target);
        Assert.Equal(Start.AddDays(10), same.Now);
        Assert.Equal(Start.AddDays(10), clock.GetUtcNow());
    }

    [Fact]
    public void AdvanceBy_Positive_AddsToTheCurrentTime_ZeroOrNegativeRefused()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(Start, real: real);
        real.Advance(TimeSpan.FromSeconds(7));

        var from = clock.AdvanceBy(TimeSpan.FromDays(3));

        Assert.Equal(Start.AddSeconds(7), from);
        Assert.Equal(Start.AddDays(3).AddSeconds(7), clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceBy(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceBy(TimeSpan.FromHours(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceBy(TimeSpan.MaxValue));
        Assert.Equal(Start.AddDays(3).AddSeconds(7), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_BeyondMaxAdvance_RefusedWithTheBound_ClockUnchanged()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(Start, real: real, maxAdvance: TimeSpan.FromDays(30));

        var by = Assert.Throws<DrillClockLimitException>(() => clock.AdvanceBy(TimeSpan.FromDays(31)));
        var to = Assert.Throws<DrillClockLimitException>(() => clock.AdvanceTo(Start.AddDays(30).AddSeconds(1)));

        Assert.Equal(TimeSpan.FromDays(31), by.Requested);
        Assert.Equal(TimeSpan.FromDays(30), to.MaxAdvance);
        Assert.Equal(Start, clock.GetUtcNow());
        clock.AdvanceTo(Start.AddDays(30));
        Assert.Equal(Start.AddDays(30), clock.GetUtcNow());
    }

    [Fact]
    public void New_WithoutMaxAdvance_FourHundredDays()
    {
        var clock = new DrillClock(Start, real: new FakeTimeProvider());

        Assert.Equal(TimeSpan.FromDays(400), clock.MaxAdvance);
        Assert.Throws<DrillClockLimitException>(() => clock.AdvanceBy(System.Xml.XmlConvert.ToTimeSpan("P1000Y")));
        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public async Task TimersAndTimestamps_StayReal_WhateverTheWallClockDoes()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(Start, speed: 3600, real: real);
        var stamp = clock.GetTimestamp();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);

        clock.AdvanceBy(TimeSpan.FromDays(30));
        real.Advance(TimeSpan.FromSeconds(4));

        Assert.False(delay.IsCompleted);
        Assert.Equal(TimeSpan.FromSeconds(4), clock.GetElapsedTime(stamp));
        Assert.Equal(real.GetTimestamp(), clock.GetTimestamp());
        Assert.Equal(real.TimestampFrequency, clock.TimestampFrequency);

        real.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void FastClock_NearTheEndOfTime_StopsThereInsteadOfOverflowing()
    {
        var real = new FakeTimeProvider();
        var clock = new DrillClock(DateTimeOffset.MaxValue.AddDays(-1), speed: DrillClock.MaxSpeed, real: real);

        real.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(DateTimeOffset.MaxValue, clock.GetUtcNow());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(DrillClock.MaxSpeed * 2)]
    public void New_SpeedOutOfRange_Refused(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DrillClock(Start, speed));

    [Theory]
    [InlineData("2015-03-16T00:00:00+08:00", "2015-03-16T00:00:00+08:00")]
    [InlineData("2015-03-15T16:00:00Z", "2015-03-16T00:00:00+08:00")]
    [InlineData("2015-03-15T11:00:00-05:00", "2015-03-16T00:00:00+08:00")]
    [InlineData("2015-03-16T00:00:00", "2015-03-16T00:00:00+08:00")]
    [InlineData("2015-03-16T09:30", "2015-03-16T09:30:00+08:00")]
    [InlineData("2015-03-16 09:30:15.5", "2015-03-16T09:30:15.5+08:00")]
    [InlineData(" 2015-03-16 ", "2015-03-16T00:00:00+08:00")]
    public void TryParseInstant_WithOffsetExact_WithoutOffsetBeijingTime(string text, string expected)
    {
        Assert.True(ClockText.TryParseInstant(text, out var instant));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("March 16, 2015")]
    [InlineData("16/03/2015")]
    [InlineData("2015-13-01T00:00:00+08:00")]
    [InlineData("2015-03-16T25:00")]
    [InlineData("P3D")]
    public void TryParseInstant_NotAnInstant_False(string? text) => Assert.False(ClockText.TryParseInstant(text, out _));

    [Theory]
    [InlineData("P3D", 3 * 24 * 60)]
    [InlineData("PT2H", 120)]
    [InlineData("P1DT12H", 36 * 60)]
    [InlineData("PT90M", 90)]
    [InlineData("-P1D", -24 * 60)]
    public void TryParseDuration_Iso8601(string text, int minutes)
    {
        Assert.True(ClockText.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3 days")]
    [InlineData("2015-03-16")]
    public void TryParseDuration_NotADuration_False(string? text) => Assert.False(ClockText.TryParseDuration(text, out _));

    [Fact]
    public void AddDrillClock_WithoutStart_LeavesTheSystemClock()
    {
        using var provider = Services([]).BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Null(provider.GetService<DrillClock>());
    }

    [Fact]
    public void AddDrillClock_WithStartAndSpeed_IsTheRuntimesTimeProvider()
    {
        using var provider = Services(new() { ["Clock:Start"] = "2015-01-05T08:00:00+08:00", ["Clock:Speed"] = "120" }).BuildServiceProvider();

        var clock = Assert.IsType<DrillClock>(provider.GetRequiredService<TimeProvider>());
        Assert.Same(clock, provider.GetRequiredService<DrillClock>());
        Assert.Equal(Start, clock.Start);
        Assert.Equal(120, clock.Speed);
        Assert.InRange(clock.GetUtcNow(), Start, Start.AddHours(1));
    }

    [Theory]
    [InlineData("5 January 2015", null, "Clock:Start")]
    [InlineData("2015-01-05T08:00:00+08:00", "fast", "Clock:Speed")]
    [InlineData("2015-01-05T08:00:00+08:00", "0", "Clock:Speed")]
    [InlineData("2015-01-05T08:00:00+08:00", "-2", "Clock:Speed")]
    public void AddDrillClock_BadSetting_StopsNamingIt(string start, string? speed, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Clock:Start"] = start, ["Clock:Speed"] = speed }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The drill clock registered before the runtime, as the server does.</summary>
    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDrillClock(configuration);
        services.AddReductionWorkflows(configuration);
        return services;
    }
}
