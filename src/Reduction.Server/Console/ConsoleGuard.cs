using Microsoft.AspNetCore.Identity;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Console;

/// <summary>Every console request: the console's content policy (Blazor's and MudBlazor's scripts, MudBlazor's inline
/// styles, the QR code as a data image), no caching, and a session that still owes a password change or a two-factor
/// enrolment reaches only the page that settles it.</summary>
public sealed class ConsoleGuard(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] Settling = [ConsolePaths.SignIn, ConsolePaths.SignOut, ConsolePaths.ChangePassword, ConsolePaths.TwoFactor, ConsolePaths.Forbidden];

    public async Task InvokeAsync(HttpContext context, UserManager<Account> users)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApplyHeaders(context.Response.Headers);
        context.Response.OnStarting(() =>
        {
            ApplyHeaders(context.Response.Headers);
            return Task.CompletedTask;
        });

        if (context.User.Identity is { IsAuthenticated: true } identity && identity.AuthenticationType == IdentityConstants.ApplicationScheme
            && !Settling.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
            && await users.GetUserAsync(context.User) is { } account)
        {
            if (account.MustChangePassword)
            {
                context.Response.Redirect(ConsolePaths.ChangePassword);
                return;
            }

            if (ConsoleSignIn.IsEnrolmentOnly(context.User))
            {
                context.Response.Redirect(ConsolePaths.TwoFactor);
                return;
            }
        }

        await next(context);
    }

    public static void ApplyHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = Policy;
        headers.CacheControl = Hosting.SecurityHeaders.NoStore;
        headers.Pragma = "no-cache";
        headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
