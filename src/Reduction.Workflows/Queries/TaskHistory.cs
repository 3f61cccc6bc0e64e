namespace Reduction.Workflows.Queries;

/// <summary>What happened around one task, for its page: the journal entries about it, its notices (with their
/// delivery state) and its links (when each was issued and whether it still opens the task).</summary>
public sealed record TaskHistory(IReadOnlyList<JournalLine> Journal, IReadOnlyList<TaskNotice> Notices, IReadOnlyList<TaskLinkInfo> Links);

/// <summary>A notice about a task without its model (the rendered text is read on the outbox page).</summary>
public sealed record TaskNotice(Guid Id, string TemplateKey, IReadOnlyList<string> RecipientRoles, IReadOnlyList<string> RecipientParties, DateTimeOffset CreatedAt, Persistence.NoticeStatus Status, int Attempts, DateTimeOffset? SentAt, string? LastError);

/// <summary>A link handed to a party for a task: never the token, only when and for whom.</summary>
public sealed record TaskLinkInfo(string PartyId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokedReason, DateTimeOffset? LastOpenedAt = null, int Opens = 0);
