using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Access;

/// <summary>The caller's party scope, for the read side's queries (every scoped read takes it).</summary>
public static class HttpContextScope
{
    public static PartyScope PartyScope(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        return CallerScope.Of(context.User, context.RequestServices.GetRequiredService<PartyDirectory>());
    }
}
