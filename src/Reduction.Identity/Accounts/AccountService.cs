using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Parties;
using Reduction.Identity.Persistence;
using Reduction.Workflows.Auditing;

namespace Reduction.Identity.Accounts;

/// <summary>
/// Accounts for the CLI, the accounts page and the bootstrap: create, list, unlock, reset a password, set roles,
/// disable. Each change and its audit entry commit in one transaction.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes, PartyDirectory parties, TimeProvider time)
{
    public async Task<AccountResult> CreateAsync(NewAccount request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var userName = request.UserName?.Trim() ?? string.Empty;
        if (userName.Length is 0 or > 64)
        {
            errors.Add("用户名须为 1 至 64 个字符 / the user name needs 1 to 64 characters");
        }

        var party = parties.FindByName(request.Party ?? string.Empty);
        if (party is null)
        {
            errors.Add($"未知单位“{Shorten(request.Party)}”，可用：{string.Join("、", parties.Parties.Select(p => p.Id))} / unknown party '{Shorten(request.Party)}'");
        }

        errors.AddRange(RoleErrors(request.Roles, party));
        errors.AddRange(PasswordRules.Check(userName, request.Password).Select(e => e.Message));
        if (errors.Count > 0)
        {
            return AccountResult.Refused([.. errors]);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            PartyId = party!.Id,
            FullName = string.IsNullOrWhiteSpace(request.FullName) ? null : request.FullName.Trim(),
            MustChangePassword = request.MustChangePassword,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };

        using var audit = AuditScope.Record(actor.Entry("account.create", "account", userName, detail: $"party={party.Id}; roles={string.Join(",", request.Roles)}"));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, request.Password);
        if (!created.Succeeded)
        {
            return AccountResult.Refused([.. created.Errors.Select(e => e.Description)]);
        }

        await EnsureRolesAsync(scope.ServiceProvider, request.Roles);
        var roled = await users.AddToRolesAsync(account, request.Roles.Distinct(StringComparer.Ordinal));
        if (!roled.Succeeded)
        {
            return AccountResult.Refused([.. roled.Errors.Select(e => e.Description)]);
        }

        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Ok(account.Id);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var now = time.GetUtcNow();
        return accounts.Select(a => new AccountSummary(
            a.Id, a.UserName!, a.PartyId, a.FullName, a.Email, byUser[a.Id].Order(StringComparer.Ordinal).ToArray(), a.TwoFactorEnabled,
            a.LockoutEnd is { } end && end > now ? end : null, a.Disabled, a.MustChangePassword, a.CreatedAt, a.LastSignInAt)).ToList();
    }

    /// <summary>Ends a lockout and clears the failure count. False when there is no such account.</summary>
    public Task<bool> UnlockAsync(string userName, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, actor, "account.unlock", null, async (users, account) =>
        {
            account.LockoutEnd = null;
            account.AccessFailedCount = 0;
            account.FailureWindowStartedAt = null;
            return await users.UpdateAsync(account);
        }, cancellationToken);

    /// <summary>Sets a password chosen by a security admin; the person must change it at the next sign-in.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string userName, string password, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = PasswordRules.Check(userName, password);
        if (errors.Count > 0)
        {
            return AccountResult.Refused([.. errors.Select(e => e.Message)]);
        }

        IdentityResult? outcome = null;
        var found = await ChangeAsync(userName, actor, "account.reset-password", null, async (users, account) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            outcome = await users.ResetPasswordAsync(account, token, password);
            if (outcome.Succeeded)
            {
                account.MustChangePassword = true;
                outcome = await users.UpdateAsync(account);
            }

            return outcome;
        }, cancellationToken);
        return !found ? AccountResult.Refused($"账户“{Shorten(userName)}”不存在 / no account '{Shorten(userName)}'")
            : outcome is { Succeeded: false } failed ? AccountResult.Refused([.. failed.Errors.Select(e => e.Description)])
            : AccountResult.Ok(Guid.Empty);
    }

    /// <summary>Replaces the account's roles.</summary>
    public async Task<AccountResult> SetRolesAsync(string userName, IReadOnlyList<string> roles, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            if (await users.FindByNameAsync(userName) is not { } existing)
            {
                return AccountResult.Refused($"账户“{Shorten(userName)}”不存在 / no account '{Shorten(userName)}'");
            }

            if (RoleErrors(roles, parties.FindById(existing.PartyId)).ToArray() is { Length: > 0 } errors)
            {
                return AccountResult.Refused(errors);
            }
        }

        IdentityResult? outcome = null;
        await ChangeAsync(userName, actor, "account.set-roles", string.Join(",", roles), async (users, account) =>
        {
            var current = await users.GetRolesAsync(account);
            outcome = await users.RemoveFromRolesAsync(account, current.Except(roles));
            if (outcome.Succeeded)
            {
                outcome = await users.AddToRolesAsync(account, roles.Except(current).Distinct());
            }

            return outcome;
        }, cancellationToken, ensureRoles: roles);
        return outcome is { Succeeded: false } failed ? AccountResult.Refused([.. failed.Errors.Select(e => e.Description)]) : AccountResult.Ok(Guid.Empty);
    }

    /// <summary>Disables or re-enables an account (never deleted: the audit log keeps naming it). Disabling ends its
    /// sessions and tokens.</summary>
    public Task<bool> SetDisabledAsync(string userName, bool disabled, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, actor, disabled ? "account.disable" : "account.enable", null, async (users, account) =>
        {
            account.Disabled = disabled;
            await users.UpdateSecurityStampAsync(account);
            return await users.UpdateAsync(account);
        }, cancellationToken);

    /// <summary>Unbinds the account's authenticator and recovery codes (a phone lost, the codes used up): where two
    /// factors are required, the person enrols again at the next sign-in. Ends its sessions.</summary>
    public Task<bool> ResetTwoFactorAsync(string userName, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, actor, "account.two-factor-reset", null, async (users, account) =>
        {
            var outcome = await users.SetTwoFactorEnabledAsync(account, false);
            if (outcome.Succeeded)
            {
                // No codes at all: the old ones must not open the account again.
                await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
                outcome = await users.ResetAuthenticatorKeyAsync(account);
            }

            return outcome;
        }, cancellationToken);

    /// <summary>Creates the bootstrap account when there is no account at all: the first run's one step to a signed-in
    /// console. Returns whether it created one.</summary>
    public async Task<bool> BootstrapAsync(string userName, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<AccountDbContext>().Users.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        var result = await CreateAsync(new NewAccount(userName, "epb", roles, password, MustChangePassword: true), AuditActor.System with { User = "bootstrap" }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Security:BootstrapPassword: " + string.Join("; ", result.Errors));
        }

        return true;
    }

    private async Task<bool> ChangeAsync(
        string userName,
        AuditActor actor,
        string action,
        string? detail,
        Func<UserManager<Account>, Account, Task<IdentityResult>> change,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? ensureRoles = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        if (ensureRoles is not null)
        {
            await EnsureRolesAsync(scope.ServiceProvider, ensureRoles);
        }

        using var audit = AuditScope.Record(actor.Entry(action, "account", userName, detail: detail));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.FindByNameAsync(userName) is not { } account)
        {
            return false;
        }

        if ((await change(users, account)).Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return true;
    }

    private static IEnumerable<string> RoleErrors(IReadOnlyList<string>? roles, Party? party)
    {
        if (roles is null || roles.Count == 0)
        {
            yield return $"至少指定一个角色：{string.Join("、", AccountRoles.All)} / give at least one role: {string.Join(", ", AccountRoles.All)}";
            yield break;
        }

        foreach (var role in roles.Where(r => !AccountRoles.IsKnown(r)))
        {
            yield return $"未知角色“{Shorten(role)}”，可用：{string.Join("、", AccountRoles.All)} / unknown role '{Shorten(role)}', expected one of: {string.Join(", ", AccountRoles.All)}";
        }

        // Operators run the cycle for the EPB; a prefecture's staff are members of their own party.
        if (roles.Contains(AccountRoles.Operator) && party is { Role: not PartyRole.Epb })
        {
            yield return "业务操作员须属于生态环境厅 / an operator must belong to the EPB (epb)";
        }
    }

    private static async Task EnsureRolesAsync(IServiceProvider services, IEnumerable<string> roles)
    {
        var manager = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in roles.Where(AccountRoles.IsKnown).Distinct(StringComparer.Ordinal))
        {
            if (!await manager.RoleExistsAsync(role))
            {
                await manager.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }

    /// <summary>Echoes of user input stay short: a message never repeats megabytes someone sent.</summary>
    private static string Shorten(string? value) => value is null ? string.Empty : value.Length <= 40 ? value : value[..40] + "…";
}
