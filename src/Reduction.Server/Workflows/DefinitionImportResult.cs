namespace Reduction.Server.Workflows;

/// <summary>What an import or a new definition came to: the Chinese message for the person, the draft's new tag when
/// stored, and for a refusal because of a draft, who changed it last and when.</summary>
public sealed record DefinitionImportResult(
    DefinitionImportOutcome Outcome,
    string Message,
    string? DefinitionId = null,
    string? Tag = null,
    string? ChangedBy = null,
    DateTimeOffset? ChangedAt = null)
{
    public bool Stored => Outcome is DefinitionImportOutcome.Created or DefinitionImportOutcome.DraftSaved;
}
