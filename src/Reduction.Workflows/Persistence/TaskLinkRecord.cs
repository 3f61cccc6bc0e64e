namespace Reduction.Workflows.Persistence;

/// <summary>A task link handed to one party: only the SHA-256 hash of its token is stored. The token itself is
/// derived from <see cref="Nonce"/> with a server key that never enters the database, so the same link can be
/// rendered again (a retried notice) without the database ever holding a usable token.</summary>
public sealed class TaskLinkRecord
{
    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    public required string PartyId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token's 32 bytes.</summary>
    public required string TokenHash { get; set; }

    /// <summary>Random 32 bytes (base64url) the token is derived from; useless without the server key.</summary>
    public required string Nonce { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    /// <summary>When the link last opened the task page (null: never).</summary>
    public DateTimeOffset? LastOpenedAt { get; set; }

    /// <summary>How many times the link opened the task page.</summary>
    public int Opens { get; set; }
}
