namespace Reduction.Server.Notices;

/// <summary>A notice as `GET /api/notices` lists it: `status` is `pending`, `sent` or `failed`; `subject` and
/// `recipients` (名称 &lt;address&gt;) are null until delivery has composed the message; `parties` the party ids and
/// `roles` the role codes it is addressed to.</summary>
public sealed record NoticeSummary(
    Guid Id,
    string Template,
    string TemplateName,
    string? Subject,
    string? Recipients,
    IReadOnlyList<string> Parties,
    IReadOnlyList<string> Roles,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SentAt,
    Guid? TaskId,
    Guid? InstanceId);
