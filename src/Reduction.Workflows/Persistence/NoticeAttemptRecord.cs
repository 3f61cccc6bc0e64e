namespace Reduction.Workflows.Persistence;

/// <summary>One event in a notice's delivery history: an attempt that was handed to the mail server (`sent`) or
/// failed (`failed`, with the error), or an operator's resend of a dead letter (`resent`, with who and why). The
/// outbox row keeps only the counts and the last error; this keeps every instant.</summary>
public sealed class NoticeAttemptRecord
{
    public const string Sent = "sent";

    public const string Failed = "failed";

    public const string Resent = "resent";

    public Guid Id { get; set; }

    public Guid NoticeId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary><see cref="Sent"/>, <see cref="Failed"/> or <see cref="Resent"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The error of a failed attempt, the reason of a resend.</summary>
    public string? Detail { get; set; }

    /// <summary>The account that resent the notice; null for delivery's own attempts.</summary>
    public string? By { get; set; }
}
