namespace Reduction.Identity.Accounts;

/// <summary>An account as lists show it (never its password hash or two-factor key).</summary>
public sealed record AccountSummary(
    Guid Id,
    string UserName,
    string PartyId,
    string? FullName,
    string? Email,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    bool MustChangePassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);
