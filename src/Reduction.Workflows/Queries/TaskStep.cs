namespace Reduction.Workflows.Queries;

/// <summary>A reminder or escalation step of a task as its timers stand: <see cref="State"/> is `pending` (planned for
/// <see cref="At"/>), `sent` (fired at <see cref="At"/>) or `cancelled` (the task closed, or the step fell away when
/// the deadline moved). <see cref="Step"/> is the step's index in its activity's list.</summary>
public sealed record TaskStep(int Step, DateTimeOffset At, string State)
{
    public const string Pending = "pending";

    public const string Sent = "sent";

    public const string Cancelled = "cancelled";
}
