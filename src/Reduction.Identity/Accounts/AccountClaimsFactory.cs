using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reduction.Identity.Accounts;

/// <summary>Identity's claims (name, id, roles, security stamp) plus the account's party, for cookies and bearer
/// tokens alike.</summary>
public sealed class AccountClaimsFactory(UserManager<Account> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ReductionClaimTypes.Party, user.PartyId));
        return identity;
    }
}
