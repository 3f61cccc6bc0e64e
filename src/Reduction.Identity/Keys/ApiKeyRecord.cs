namespace Reduction.Identity.Keys;

/// <summary>A key another system uses instead of a person's account; only the SHA-256 of the secret is stored.</summary>
public sealed class ApiKeyRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key as shown to people (`rk_AbCd…`), to tell keys apart.</summary>
    public required string Prefix { get; set; }

    public required string SecretHash { get; set; }

    /// <summary>Space-separated scopes (`sanctions:read`).</summary>
    public required string Scopes { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
