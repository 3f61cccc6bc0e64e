using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;
using Reduction.Server.Admin;

namespace Reduction.Server.Access;

/// <summary>The caller's party scope, for the read side's queries (every scoped read takes it).</summary>
public static class HttpContextScope
{
    public static PartyScope PartyScope(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The legacy administrator credential runs the cycle for the EPB.
        if (context.User.IsInRole(AdminAuthorization.Role))
        {
            return Domain.Parties.PartyScope.Everything;
        }

        return CallerScope.Of(context.User, context.RequestServices.GetRequiredService<PartyDirectory>());
    }
}
