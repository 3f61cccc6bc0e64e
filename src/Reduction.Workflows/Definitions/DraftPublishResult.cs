namespace Reduction.Workflows.Definitions;

/// <summary>The answer to publishing the draft: the version in force afterwards, or the validator's findings.</summary>
public sealed record DraftPublishResult(DraftPublishOutcome Outcome, int? Version, IReadOnlyList<ValidationMessage> Findings);
