namespace Reduction.Workflows.Queries;

/// <summary>One event of a notice's delivery: `sent`, `failed` (with the error) or `resent` (by whom, why).</summary>
public sealed record NoticeAttempt(DateTimeOffset At, string Outcome, string? Detail, string? By);
