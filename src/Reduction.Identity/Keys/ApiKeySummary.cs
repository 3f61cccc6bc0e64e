namespace Reduction.Identity.Keys;

/// <summary>A key as the keys page lists it: never its secret.</summary>
public sealed record ApiKeySummary(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
