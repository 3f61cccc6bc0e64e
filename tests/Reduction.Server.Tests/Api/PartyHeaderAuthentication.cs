using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Tests.Api;

/// <summary>Tests only: a member of the party named in the <see cref="Header"/> header, so a request carries a party
/// scope before real sign-in reaches the API.</summary>
internal sealed class PartyHeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PartyHeader";

    public const string Header = "X-Test-Party";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } party)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"{party}-member"), new Claim(ClaimTypes.Role, AccountRoles.Member), new Claim(ReductionClaimTypes.Party, party)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
