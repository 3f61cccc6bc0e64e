namespace Reduction.Workflows.Definitions;

/// <summary>The answer to a draft save: the new tag when saved; on a conflict, who changed the draft and when.</summary>
public sealed record DraftSaveResult(DraftSaveOutcome Outcome, string? Tag, string? ChangedBy, DateTimeOffset? ChangedAt);
