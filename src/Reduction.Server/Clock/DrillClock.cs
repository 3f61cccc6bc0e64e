namespace Reduction.Server.Clock;

/// <summary>The drill clock (演练时钟): a virtual wall clock for rehearsing a whole cycle year in minutes. It starts at
/// <see cref="Start"/> when created, runs <see cref="Speed"/> virtual seconds per real second, and can be moved forward
/// (<see cref="AdvanceTo"/>, <see cref="AdvanceBy"/>), never back.
/// <para>Only the wall clock (<see cref="GetUtcNow"/>) is virtual: everything the workflows decide by (deadlines, due
/// timers, submission times, task-link expiry, notice dates) reads it. Timestamps and timers stay real, so polling
/// intervals, timeouts and elapsed-time measurements (<see cref="TimeProvider.GetElapsedTime(long)"/>) keep their real
/// length whatever the drill clock shows.</para></summary>
public sealed class DrillClock : TimeProvider
{
    /// <summary>A year of virtual time per real second; more would make every poll interval jump weeks.</summary>
    public const double MaxSpeed = 366d * 24 * 3600;

    /// <summary>Most one move may cover unless configured otherwise: a cycle year with room to spare.</summary>
    public static readonly TimeSpan DefaultMaxAdvance = TimeSpan.FromDays(400);

    private readonly TimeProvider _real;
    private readonly Lock _lock = new();
    private DateTimeOffset _anchor;
    private long _anchorTimestamp;

    /// <param name="start">The virtual instant the clock shows now.</param>
    /// <param name="speed">Virtual seconds per real second, above 0 and at most <see cref="MaxSpeed"/>.</param>
    /// <param name="real">The real clock whose timestamps and timers drive this one (the system clock by default).</param>
    /// <param name="maxAdvance">Most one move may cover (<see cref="DefaultMaxAdvance"/> by default).</param>
    public DrillClock(DateTimeOffset start, double speed = 1, TimeProvider? real = null, TimeSpan? maxAdvance = null)
    {
        if (!double.IsFinite(speed) || speed <= 0 || speed > MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"speed must be above 0 and at most {MaxSpeed}");
        }

        if (maxAdvance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAdvance), maxAdvance, "the most a move may cover must be above zero");
        }

        _real = real ?? System;
        MaxAdvance = maxAdvance ?? DefaultMaxAdvance;
        Start = start.ToUniversalTime();
        Speed = speed;
        _anchor = Start;
        _anchorTimestamp = _real.GetTimestamp();
    }

    /// <summary>Where the clock started (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Virtual seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>Most one move (<see cref="AdvanceTo"/>, <see cref="AdvanceBy"/>) may cover.</summary>
    public TimeSpan MaxAdvance { get; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return NowLocked();
        }
    }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward to <paramref name="target"/>; from there it runs on at <see cref="Speed"/>.</summary>
    /// <returns>The instant the clock showed before the move (UTC).</returns>
    /// <exception cref="DrillClockException"><paramref name="target"/> is not later than the clock's current time.</exception>
    /// <exception cref="DrillClockLimitException"><paramref name="target"/> lies more than <see cref="MaxAdvance"/> ahead.</exception>
    public DateTimeOffset AdvanceTo(DateTimeOffset target)
    {
        lock (_lock)
        {
            var now = NowLocked();
            if (target <= now)
            {
                throw new DrillClockException(now, target);
            }

            if (target - now > MaxAdvance)
            {
                throw new DrillClockLimitException(now, target - now, MaxAdvance);
            }

            _anchor = target.ToUniversalTime();
            _anchorTimestamp = _real.GetTimestamp();
            return now;
        }
    }

    /// <summary>Moves the clock forward by <paramref name="duration"/> (positive).</summary>
    /// <returns>The instant the clock showed before the move (UTC).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is zero or negative, or leads past the end of time.</exception>
    /// <exception cref="DrillClockLimitException"><paramref name="duration"/> is longer than <see cref="MaxAdvance"/>.</exception>
    public DateTimeOffset AdvanceBy(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "the clock only moves forward");
        }

        lock (_lock)
        {
            var now = NowLocked();
            if (DateTimeOffset.MaxValue - now < duration)
            {
                throw new ArgumentOutOfRangeException(nameof(duration), duration, "past the end of time");
            }

            if (duration > MaxAdvance)
            {
                throw new DrillClockLimitException(now, duration, MaxAdvance);
            }

            _anchor = now + duration;
            _anchorTimestamp = _real.GetTimestamp();
            return now;
        }
    }

    private DateTimeOffset NowLocked()
    {
        var elapsed = _real.GetElapsedTime(_anchorTimestamp);
        if (Speed == 1)
        {
            return _anchor + elapsed;
        }

        var ticks = elapsed.Ticks * Speed;
        var room = (DateTimeOffset.MaxValue - _anchor).Ticks;
        return ticks >= room ? DateTimeOffset.MaxValue : _anchor.AddTicks((long)ticks);
    }
}

/// <summary>An attempt to set the drill clock back (or to where it already is).</summary>
public sealed class DrillClockException(DateTimeOffset now, DateTimeOffset target)
    : InvalidOperationException($"the drill clock only moves forward: {target:O} is not after {now:O}")
{
    public DateTimeOffset Now { get; } = now;

    public DateTimeOffset Target { get; } = target;
}
