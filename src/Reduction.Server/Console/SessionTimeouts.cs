using Microsoft.AspNetCore.Authentication.Cookies;
using Reduction.Identity.Accounts;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Console;

/// <summary>Tells a session that ended by idle time-out from no session at all: the request still carries the sign-in
/// cookie, whose ticket is genuine but past its expiry. Such a request is audited (`session.timeout`) once, and the
/// cookie is removed so the next request is simply anonymous.</summary>
public sealed class SessionTimeouts(AuditLog audit, ILogger<SessionTimeouts> logger)
{
    public async Task<bool> DetectAsync(HttpContext http, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Cookie.Name!;
        if (options.CookieManager.GetRequestCookie(http, name) is not { Length: > 0 } cookie
            || options.TicketDataFormat.Unprotect(cookie) is not { } ticket
            || ticket.Properties.ExpiresUtc is not { } expires)
        {
            return false;
        }

        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (expires > now)
        {
            return false;
        }

        options.CookieManager.DeleteCookie(http, name, options.Cookie.Build(http, now));
        var user = ticket.Principal.Identity?.Name ?? "-";
        logger.LogInformation("Console session of {User} timed out (expired {Expires:O})", user, expires);
        await audit.AppendAsync(
            new AuditEntry(user, ticket.Principal.FindFirst(ReductionClaimTypes.Party)?.Value, ConsoleSignIn.AddressOf(http), "session.timeout", "account", user, AuditOutcomes.Success, $"expired {expires:O}"),
            http.RequestAborted);
        return true;
    }
}
