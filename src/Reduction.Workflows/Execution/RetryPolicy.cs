namespace Reduction.Workflows.Execution;

/// <summary>How often a failing activity is retried before the instance faults, with exponential back-off.</summary>
public sealed class RetryPolicy
{
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan DelayFor(int failedAttempts)
    {
        var factor = Math.Pow(4, Math.Max(0, failedAttempts - 1));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }
}
