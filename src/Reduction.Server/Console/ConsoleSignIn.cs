using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Console;

/// <summary>Opens console sessions with the sign-in cookie: a full one, or one for two-factor enrolment only, which
/// carries no role, so no page, dashboard or endpoint that asks for a role lets it in before enrolment.</summary>
public static class ConsoleSignIn
{
    /// <summary>Claim on a session that may do one thing only before it is a full session.</summary>
    public const string PendingClaim = "reduction:pending";

    public const string TwoFactorEnrolment = "two-factor-enrolment";

    public static bool IsEnrolmentOnly(ClaimsPrincipal principal) =>
        principal?.HasClaim(PendingClaim, TwoFactorEnrolment) == true;

    /// <summary>The principal without its roles, marked as pending enrolment.</summary>
    public static ClaimsPrincipal EnrolmentOnly(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var source = principal.Identities.First();
        var identity = new ClaimsIdentity(
            source.Claims.Where(c => c.Type != source.RoleClaimType && c.Type != PendingClaim),
            source.AuthenticationType, source.NameClaimType, source.RoleClaimType);
        identity.AddClaim(new Claim(PendingClaim, TwoFactorEnrolment));
        return new ClaimsPrincipal(identity);
    }

    public static async Task SignInAsync(HttpContext http, Account account, bool enrolmentOnly)
    {
        ArgumentNullException.ThrowIfNull(http);
        var signIn = http.RequestServices.GetRequiredService<SignInManager<Account>>();
        if (!enrolmentOnly)
        {
            await signIn.SignInAsync(account, isPersistent: false);
            return;
        }

        var principal = await signIn.CreateUserPrincipalAsync(account);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, EnrolmentOnly(principal), new AuthenticationProperties { IsPersistent = false });
    }

    public static string? AddressOf(HttpContext http) => http?.Connection.RemoteIpAddress?.ToString();
}
