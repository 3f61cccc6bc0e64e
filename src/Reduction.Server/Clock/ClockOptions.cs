namespace Reduction.Server.Clock;

/// <summary>The drill clock (section `Clock`). Off by default: without <see cref="Start"/> the server runs on the real
/// clock.</summary>
public sealed class ClockOptions
{
    public const string SectionName = "Clock";

    /// <summary>ISO 8601 instant the virtual clock starts at when the process starts, e.g. `2015-01-05T08:00:00+08:00`
    /// (without an offset: Beijing time). Empty: the real clock.</summary>
    public string? Start { get; set; }

    /// <summary>Virtual seconds per real second (default 1).</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Most one `POST /api/clock/advance` may move the clock (default 400 days, a cycle year with room): a jump of
    /// centuries would have every timer and trigger of the years between come due at once. ISO 8601 (`P400D`) or
    /// `400.00:00:00`.</summary>
    public TimeSpan MaxAdvance { get; set; } = DrillClock.DefaultMaxAdvance;
}
