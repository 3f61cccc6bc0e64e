namespace Reduction.Workflows.Execution;

/// <summary>A due timer a pump has claimed: enough to fire each instance's timers in order.</summary>
internal sealed class ClaimedTimer
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset DueAt { get; set; }
}
