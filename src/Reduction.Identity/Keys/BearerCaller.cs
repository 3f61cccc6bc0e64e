using Reduction.Identity.Accounts;

namespace Reduction.Identity.Keys;

/// <summary>Who a bearer credential stands for: an account (token) or a system (API key with its scopes).</summary>
public sealed record BearerCaller(Account? Account, ApiKeyRecord? Key)
{
    public IReadOnlyList<string> Scopes => Key?.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
