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
        return new AuditActor(
            context.User.Identity?.Name ?? "anonymous",
            context.User.FindFirst(ReductionClaimTypes.Party)?.Value,
            context.Connection.RemoteIpAddress?.ToString());
    }
}
