using System.Security.Claims;
using Reduction.Identity.Accounts;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Access;

/// <summary>Who the caller is for the audit log: account (or `apikey:NAME`), party, client address (the real one
/// behind a configured proxy).</summary>
public static class HttpContextActor
{
    public static AuditActor Actor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Actor(context);
    }

    /// <summary>The actor of an interactive page's event: the circuit's user, and the address of the connection
    /// that carries the circuit (null when there is none).</summary>
    public static AuditActor Actor(this ClaimsPrincipal user, HttpContext? connection)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AuditActor(
            user.Identity?.Name ?? "anonymous",
            user.FindFirst(ReductionClaimTypes.Party)?.Value,
            connection?.Connection.RemoteIpAddress?.ToString());
    }
}
