using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Workflows.Auditing;

namespace Reduction.Identity.SignIn;

/// <summary>
/// Checks a user name, password and (where needed) TOTP code, for the console's sign-in page and the token endpoint
/// alike: <see cref="SecurityOptions.MaxFailedSignIns"/> failures within <see cref="SecurityOptions.FailureWindow"/>
/// lock the account for <see cref="SecurityOptions.LockoutDuration"/> (a locked account is refused even with the right
/// password); an unknown user gets the same answer and the same work as a wrong password. Every attempt is audited.
/// </summary>
public sealed class AccountSignIn(
    IServiceScopeFactory scopes,
    IOptionsMonitor<SecurityOptions> options,
    AuditLog audit,
    TimeProvider time,
    ILogger<AccountSignIn> logger)
{
    // Verified against when the user does not exist, so both paths hash once.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(
        new Account { PartyId = "none" }, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))));

    public async Task<SignInCheck> CheckAsync(string? userName, string? password, string? otp, string? address, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var name = (userName ?? string.Empty).Trim();
        if (name.Length > 256)
        {
            name = name[..256];
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var now = time.GetUtcNow();
        var account = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (account is null || account.Disabled)
        {
            new PasswordHasher<Account>().VerifyHashedPassword(new Account { PartyId = "none" }, DummyHash.Value, password ?? string.Empty);
            return await RecordAsync(new SignInCheck(SignInStatus.Failed), name, account?.PartyId, address, account is null ? "unknown user" : "disabled", cancellationToken);
        }

        if (account.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            return await RecordAsync(new SignInCheck(SignInStatus.LockedOut, null, lockedUntil), name, account.PartyId, address, "locked", cancellationToken);
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(account, password))
        {
            return await FailAsync(users, account, address, "wrong password", settings, now, cancellationToken);
        }

        var roles = await users.GetRolesAsync(account);
        var mustUseTwoFactor = account.TwoFactorEnabled
            || (settings.RequireTwoFactorForAdmins && roles.Any(r => AccountRoles.Administrators.Contains(r)));
        if (mustUseTwoFactor && !account.TwoFactorEnabled)
        {
            return await RecordAsync(new SignInCheck(SignInStatus.TwoFactorEnrolmentRequired, account), name, account.PartyId, address, "enrolment required", cancellationToken);
        }

        var usedRecoveryCode = false;
        if (mustUseTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(otp))
            {
                return new SignInCheck(SignInStatus.TwoFactorRequired, null);
            }

            var code = otp.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            if (code.Length == 6 && code.All(char.IsAsciiDigit))
            {
                if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
                {
                    return await FailAsync(users, account, address, "wrong second factor", settings, now, cancellationToken);
                }
            }
            else if (RecoveryCode(code) is not { } recovery || !(await users.RedeemTwoFactorRecoveryCodeAsync(account, recovery)).Succeeded)
            {
                return await FailAsync(users, account, address, "wrong second factor", settings, now, cancellationToken);
            }
            else
            {
                // A phone lost: one of the codes shown at enrolment stands in for the authenticator, once.
                usedRecoveryCode = true;
            }
        }

        account.AccessFailedCount = 0;
        account.FailureWindowStartedAt = null;
        account.LockoutEnd = null;
        account.LastSignInAt = now;
        await users.UpdateAsync(account);
        var left = usedRecoveryCode ? await users.CountRecoveryCodesAsync(account) : 0;
        return await RecordAsync(new SignInCheck(SignInStatus.Succeeded, account), name, account.PartyId, address, usedRecoveryCode ? $"recovery code; {left} left" : null, cancellationToken);
    }

    /// <summary>A recovery code as Identity issues it (`XXXXX-XXXXX`), however it was typed: any case, with or without
    /// the hyphen; null for anything else.</summary>
    private static string? RecoveryCode(string typed) =>
        typed.Length == 10 && typed.All(char.IsAsciiLetterOrDigit) ? $"{typed[..5]}-{typed[5..]}".ToUpperInvariant() : null;

    private async Task<SignInCheck> FailAsync(UserManager<Account> users, Account account, string? address, string reason, SecurityOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Failures count within a window that starts at the first one: five in fifteen minutes lock, five spread over
        // a day do not.
        if (account.FailureWindowStartedAt is not { } started || now - started >= settings.FailureWindow)
        {
            account.FailureWindowStartedAt = now;
            account.AccessFailedCount = 0;
        }

        account.AccessFailedCount++;
        SignInCheck check = new(SignInStatus.Failed);
        if (account.AccessFailedCount >= settings.MaxFailedSignIns)
        {
            account.LockoutEnd = now + settings.LockoutDuration;
            account.AccessFailedCount = 0;
            account.FailureWindowStartedAt = null;
            logger.LogWarning("Account {User} locked until {Until} after {Count} failed sign-ins (last from {Address})", account.UserName, account.LockoutEnd, settings.MaxFailedSignIns, address);
            await audit.AppendAsync(new AuditEntry(account.UserName!, account.PartyId, address, "signin.lockout", "account", account.UserName, AuditOutcomes.Success, $"until {account.LockoutEnd:O}"), cancellationToken);
        }

        await users.UpdateAsync(account);
        return await RecordAsync(check, account.UserName!, account.PartyId, address, reason, cancellationToken);
    }

    private async Task<SignInCheck> RecordAsync(SignInCheck check, string name, string? party, string? address, string? reason, CancellationToken cancellationToken)
    {
        var action = check.Status == SignInStatus.Succeeded ? "signin.success" : "signin.failure";
        var outcome = check.Status == SignInStatus.Succeeded ? AuditOutcomes.Success : AuditOutcomes.Failure;
        await audit.AppendAsync(new AuditEntry(name.Length == 0 ? "-" : name, party, address, action, "account", name, outcome, reason), cancellationToken);
        return check;
    }
}
