namespace Reduction.Workflows.Execution;

/// <summary>Runtime settings (section `Workflows`).</summary>
public sealed class WorkflowRuntimeOptions
{
    public const string SectionName = "Workflows";

    public RetryPolicy Retry { get; set; } = new();

    /// <summary>How many times a burst is retried on a concurrency conflict before giving up.</summary>
    public int ConcurrencyRetries { get; set; } = 8;

    /// <summary>A timer not handed to the scheduler this long after creation is armed by the sweep.</summary>
    public TimeSpan ArmGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A pending timer this long past due is treated as lost and fired by the sweep.</summary>
    public TimeSpan LostTimerGrace { get; set; } = TimeSpan.FromSeconds(30);
}
