namespace Reduction.Server.Clock;

/// <summary>A move of the drill clock longer than its <see cref="DrillClock.MaxAdvance"/>; the clock did not move.</summary>
public sealed class DrillClockLimitException(DateTimeOffset now, TimeSpan requested, TimeSpan maxAdvance)
    : InvalidOperationException($"the drill clock moves at most {maxAdvance} at once; {requested} was asked for at {now:O}")
{
    public DateTimeOffset Now { get; } = now;

    public TimeSpan Requested { get; } = requested;

    public TimeSpan MaxAdvance { get; } = maxAdvance;
}
