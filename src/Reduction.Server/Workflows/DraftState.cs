namespace Reduction.Server.Workflows;

/// <summary>A draft that is not published yet: who saved it last and when.</summary>
public sealed record DraftState(string? ChangedBy, DateTimeOffset ChangedAt);
