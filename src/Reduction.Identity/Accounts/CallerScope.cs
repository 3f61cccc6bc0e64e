using System.Security.Claims;
using Reduction.Domain.Parties;

namespace Reduction.Identity.Accounts;

/// <summary>The party scope of a signed-in caller: operators and members read their party's scope (the EPB's is
/// everything); an account with administrator roles only, an API key, or a caller with no known party reads no
/// cycle data.</summary>
public static class CallerScope
{
    public static PartyScope Of(ClaimsPrincipal caller, PartyDirectory parties)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(parties);
        if (caller.Identity?.IsAuthenticated != true
            || caller.HasClaim(c => c.Type == ReductionClaimTypes.ApiKey)
            || !(caller.IsInRole(AccountRoles.Operator) || caller.IsInRole(AccountRoles.Member))
            || caller.FindFirstValue(ReductionClaimTypes.Party) is not { } partyId
            || parties.FindById(partyId) is not { } party)
        {
            return PartyScope.Nothing;
        }

        return PartyScope.Of(party);
    }
}
