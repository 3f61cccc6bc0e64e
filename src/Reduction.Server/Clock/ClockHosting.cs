using System.Globalization;

namespace Reduction.Server.Clock;

public static class ClockHosting
{
    /// <summary>With `Clock:Start` set, registers a <see cref="DrillClock"/> as the process's <see cref="TimeProvider"/>;
    /// must come before the runtime's registrations, which only add the system clock when none is registered. A bad
    /// `Clock:Start` or `Clock:Speed` stops the start with the setting named.</summary>
    public static IServiceCollection AddDrillClock(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClockOptions.SectionName);
        var start = section[nameof(ClockOptions.Start)];
        if (string.IsNullOrWhiteSpace(start))
        {
            return services;
        }

        if (!ClockText.TryParseInstant(start, out var instant))
        {
            throw new InvalidOperationException(
                $"Clock:Start“{start}”不是 ISO 8601 时刻，如 2015-01-05T08:00:00+08:00 / Clock:Start '{start}' is not an ISO 8601 instant");
        }

        var speed = 1d;
        if (section[nameof(ClockOptions.Speed)] is { Length: > 0 } speedText
            && (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out speed)
                || !double.IsFinite(speed) || speed <= 0 || speed > DrillClock.MaxSpeed))
        {
            throw new InvalidOperationException(
                $"Clock:Speed“{speedText}”无效，应为大于 0 的数（每真实秒的模拟秒数） / Clock:Speed '{speedText}' must be a number above 0 and at most {DrillClock.MaxSpeed}");
        }

        var maxAdvance = DrillClock.DefaultMaxAdvance;
        if (section[nameof(ClockOptions.MaxAdvance)] is { Length: > 0 } maxText
            && ((!ClockText.TryParseDuration(maxText, out maxAdvance) && !TimeSpan.TryParse(maxText, CultureInfo.InvariantCulture, out maxAdvance))
                || maxAdvance <= TimeSpan.Zero))
        {
            throw new InvalidOperationException(
                $"Clock:MaxAdvance“{maxText}”无效，应为大于零的时长，如 P400D / Clock:MaxAdvance '{maxText}' must be a positive duration such as P400D");
        }

        var clock = new DrillClock(instant, speed, maxAdvance: maxAdvance);
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        services.AddHostedService<DrillClockAnnouncement>();
        return services;
    }
}

/// <summary>Says loudly at start that this process runs on the drill clock.</summary>
internal sealed class DrillClockAnnouncement(DrillClock clock, ILogger<DrillClockAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Drill clock on: virtual time started at {Start:O}, now {Now:O}, {Speed} virtual seconds per second. Deadlines, timers and notices follow it; use a drill database only.",
            Reduction.Domain.Calendar.BeijingTime.ToBeijing(clock.Start), Reduction.Domain.Calendar.BeijingTime.ToBeijing(clock.GetUtcNow()), clock.Speed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
