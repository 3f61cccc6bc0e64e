namespace Reduction.Identity.Keys;

/// <summary>A bearer token issued by `POST /api/auth/token` for an account; only its SHA-256 is stored, so a copy of
/// the database signs nobody in. Revoked with the account (disabled, password changed) or when it expires.</summary>
public sealed class AccessTokenRecord
{
    public Guid Id { get; set; }

    public required string TokenHash { get; set; }

    public Guid AccountId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
