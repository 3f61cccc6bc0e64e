namespace Reduction.Workflows.Definitions;

/// <summary>What the designer edits: the draft, or the latest published version when there is no draft, with the tag
/// a save must present (<see cref="DefinitionStore.SaveDraftAsync"/>) and who changed it last.</summary>
public sealed record DraftSnapshot(WorkflowDefinition Definition, string Tag, bool IsDraft, string? ChangedBy, DateTimeOffset ChangedAt);
