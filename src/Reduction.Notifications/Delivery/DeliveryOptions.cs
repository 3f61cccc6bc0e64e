namespace Reduction.Notifications.Delivery;

/// <summary>Retries, batching and the sweep (section `Notifications:Delivery`).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Notifications:Delivery";

    /// <summary>Attempts before a notice is dead-lettered (the first send counts).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Wait after the first failure; doubles after each further one.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many due notices one burst claims and sends.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How many SMTP connections a burst is spread over at once; each stays open for its share of the burst.
    /// 1 sends a burst over a single connection.</summary>
    public int Connections { get; set; } = 4;

    /// <summary>How long a claimed notice stays invisible to other servers; a notice whose sender crashed is sent
    /// again after it (with the same Message-ID).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweep looks for due notices (retries, lost jobs); zero or less turns it off.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones.</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }
}
