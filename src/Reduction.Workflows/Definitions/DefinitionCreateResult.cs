namespace Reduction.Workflows.Definitions;

/// <summary>The answer to <see cref="DefinitionStore.CreateAsync"/>: the new draft's tag, or that the id is taken.</summary>
public sealed record DefinitionCreateResult(bool Created, string? Tag, DateTimeOffset? ChangedAt);
