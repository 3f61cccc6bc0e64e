using System.Globalization;

namespace Reduction.Workflows.Auditing;

/// <summary>How long audit entries stay in the live log before they may be archived: at least
/// <see cref="Minimum"/> (Cybersecurity Law art. 21 keeps network logs six months), whatever is configured.</summary>
public static class AuditRetention
{
    public static TimeSpan Minimum { get; } = TimeSpan.FromDays(180);

    /// <summary>The refusal of a configured retention below <see cref="Minimum"/>, in zh-CN and English.</summary>
    public static string TooShort { get; } = string.Create(CultureInfo.InvariantCulture,
        $"审计日志保留期 Security:AuditRetention 不得少于 {Minimum.TotalDays:0} 天 / Security:AuditRetention must be at least {Minimum.TotalDays:0} days (Cybersecurity Law art. 21)");

    /// <summary>Why <paramref name="retention"/> cannot be used, in zh-CN and English; null when it can.</summary>
    public static string? Problem(TimeSpan retention) => retention >= Minimum ? null : $"{TooShort}: {retention}";

    /// <summary>The latest cutoff an archive may use at <paramref name="now"/>.</summary>
    public static DateTimeOffset LatestCutoff(DateTimeOffset now, TimeSpan retention) => now - (retention > Minimum ? retention : Minimum);
}
