using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Persistence;
using Reduction.Workflows.Auditing;

namespace Reduction.Identity.Keys;

/// <summary>
/// Bearer tokens for accounts (`POST /api/auth/token`) and API keys for other systems: random 256-bit secrets of
/// which only the SHA-256 is stored, so neither a database copy nor a log line signs anyone in. Keys are shown
/// once, scoped and revocable; tokens expire and die with the account's security stamp.
/// </summary>
public sealed class BearerCredentials(IServiceScopeFactory scopes, IOptionsMonitor<SecurityOptions> options, TimeProvider time)
{
    public const string TokenPrefix = "rt_";

    public const string KeyPrefix = "rk_";

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueTokenAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = TokenPrefix + Secret();
        var now = time.GetUtcNow();
        var expires = now + options.CurrentValue.TokenLifetime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        db.AccessTokens.Add(new AccessTokenRecord { Id = Guid.CreateVersion7(), TokenHash = HashOf(token), AccountId = account.Id, IssuedAt = now, ExpiresAt = expires });

        // Expired tokens of this account go as a new one comes: the table does not grow with every sign-in.
        var stale = await db.AccessTokens.Where(t => t.AccountId == account.Id).ToListAsync(cancellationToken);
        db.AccessTokens.RemoveRange(stale.Where(t => t.ExpiresAt <= now || t.RevokedAt is not null));
        await db.SaveChangesAsync(cancellationToken);
        return (token, expires);
    }

    /// <summary>The caller a bearer credential stands for; null when it is unknown, expired, revoked, or its account
    /// is disabled or locked.</summary>
    public async Task<BearerCaller?> ResolveAsync(string credential, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(credential) || credential.Length > 200)
        {
            return null;
        }

        var hash = HashOf(credential);
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        if (credential.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
            if (key is null || key.RevokedAt is not null)
            {
                return null;
            }

            key.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return new BearerCaller(null, key);
        }

        var token = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.AccountId, cancellationToken);
        return account is null || account.Disabled || account.LockoutEnd > now ? null : new BearerCaller(account, null);
    }

    /// <summary>Creates a key; the secret is in the result only, never stored or shown again.</summary>
    public async Task<(ApiKeySummary? Key, string? Secret, IReadOnlyList<string> Errors)> CreateKeyAsync(string name, IReadOnlyList<string> scopesGiven, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<string>();
        name = (name ?? string.Empty).Trim();
        if (name.Length is 0 or > 100)
        {
            errors.Add("密钥名称须为 1 至 100 个字符 / the key name needs 1 to 100 characters");
        }

        if (scopesGiven.Count == 0)
        {
            errors.Add($"至少指定一个权限范围：{string.Join("、", ApiScopes.All)} / give at least one scope: {string.Join(", ", ApiScopes.All)}");
        }

        errors.AddRange(scopesGiven.Where(s => !ApiScopes.All.Contains(s)).Select(s =>
            $"未知权限范围“{(s.Length > 40 ? s[..40] : s)}”，可用：{string.Join("、", ApiScopes.All)} / unknown scope, expected one of: {string.Join(", ", ApiScopes.All)}"));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        if (errors.Count == 0 && await db.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken))
        {
            errors.Add($"密钥名称“{name}”已存在 / a key named '{name}' exists");
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var secret = KeyPrefix + Secret();
        var record = new ApiKeyRecord
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Prefix = secret[..8],
            SecretHash = HashOf(secret),
            Scopes = string.Join(' ', scopesGiven.Distinct(StringComparer.Ordinal)),
            CreatedBy = actor.User,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(record);
        // An explicit transaction: EF runs a one-statement save without one, and the audit entry joins a commit.
        using (AuditScope.Record(actor.Entry("api-key.create", "api-key", name, detail: "scopes=" + record.Scopes)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return (Summary(record), secret, []);
    }

    public async Task<bool> RevokeKeyAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        if (await db.ApiKeys.SingleOrDefaultAsync(k => k.Name == name, cancellationToken) is not { RevokedAt: null } key)
        {
            return false;
        }

        key.RevokedAt = time.GetUtcNow();
        key.RevokedBy = actor.User;
        using (AuditScope.Record(actor.Entry("api-key.revoke", "api-key", name)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        return (await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellationToken)).Select(Summary).ToList();
    }

    /// <summary>Ends every token of an account (password changed, disabled, signed out everywhere).</summary>
    public async Task RevokeTokensAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        await db.AccessTokens.Where(t => t.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiKeySummary Summary(ApiKeyRecord k) =>
        new(k.Id, k.Name, k.Prefix, k.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), k.CreatedBy, k.CreatedAt, k.RevokedAt, k.LastUsedAt);
}
