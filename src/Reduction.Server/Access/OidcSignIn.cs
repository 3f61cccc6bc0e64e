using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Access;

/// <summary>
/// `/console/signin/oidc`: the unified identity proves who the person is; the account (party, roles, lockout,
/// disabled) stays ours, matched by user name. A person without an account is refused; so is an administrator while
/// two factors are required for administrators (they sign in with password and TOTP, which the provider cannot prove).
/// </summary>
public static class OidcSignIn
{
    public const string Path = "/console/signin/oidc";

    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, IOptions<OidcOptions> oidc) => oidc.Value.IsEnabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = Path + "/done" }, [OidcOptions.Scheme])
            : Results.NotFound()).AllowAnonymous();
        app.MapGet(Path + "/done", CompleteAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CompleteAsync(
        HttpContext http,
        IOptions<OidcOptions> oidc,
        IOptionsMonitor<SecurityOptions> security,
        UserManager<Account> users,
        SignInManager<Account> signIn,
        AuditLog audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var name = external.Principal?.FindFirstValue(oidc.Value.UserNameClaim);
        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = string.IsNullOrWhiteSpace(name) ? null : await users.FindByNameAsync(name);
        var refused = account is null || account.Disabled || account.LockoutEnd > time.GetUtcNow()
            || (security.CurrentValue.RequireTwoFactorForAdmins && (await users.GetRolesAsync(account)).Any(r => AccountRoles.Administrators.Contains(r)));
        await audit.AppendAsync(
            new AuditEntry(name ?? "-", account?.PartyId, address, refused ? "signin.failure" : "signin.success", "account", name, refused ? AuditOutcomes.Failure : AuditOutcomes.Success, "oidc"),
            cancellationToken);
        if (refused)
        {
            return Results.Redirect("/console/signin?error=oidc");
        }

        account!.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(account);
        await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: "oidc");
        return Results.Redirect("/console");
    }
}
