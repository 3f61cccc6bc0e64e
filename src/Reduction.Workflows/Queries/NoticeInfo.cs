using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>An outbox row as the read side gives it out: the request (template, model, recipients) and how its
/// delivery stands; <see cref="Subject"/> and <see cref="Recipients"/> once delivery has composed it.</summary>
public sealed record NoticeInfo(
    Guid Id,
    string IdempotencyKey,
    string TemplateKey,
    string ModelJson,
    IReadOnlyList<string> RecipientRoles,
    IReadOnlyList<string> RecipientParties,
    Guid? InstanceId,
    Guid? TaskId,
    DateTimeOffset CreatedAt,
    NoticeStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? SentAt,
    string? Subject = null,
    string? Recipients = null);
