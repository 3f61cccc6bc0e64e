using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Identity.Keys;
using Reduction.Server.Admin;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Access;

/// <summary>`Authorization: Bearer …` on `/api`: an account's token from `POST /api/auth/token` or a system's API key.
/// No cookie is ever accepted there, so a foreign page cannot make a browser call the API with someone's session.
/// Every use of a key is audited.</summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BearerCredentials credentials,
    IServiceScopeFactory scopes,
    AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 } credential)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await credentials.ResolveAsync(credential, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("unknown, expired or revoked bearer credential");
        }

        if (caller.Key is { } key)
        {
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "apikey:" + key.Name), new Claim(ReductionClaimTypes.ApiKey, key.Id.ToString())],
                SchemeName);
            identity.AddClaims(caller.Scopes.Select(s => new Claim(ReductionClaimTypes.Scope, s)));
            await audit.AppendAsync(
                new AuditEntry("apikey:" + key.Name, null, Context.Connection.RemoteIpAddress?.ToString(), "api-key.use", "route", Request.Path.Value is { Length: <= 200 } path ? path : Request.Path.Value?[..200]),
                Context.RequestAborted);
            return Success(new ClaimsPrincipal(identity));
        }

        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Account>>();
        var principal = await factory.CreateAsync(caller.Account!);
        return Success(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)));
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) => AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Reduction\"";
        await Response.WriteAsJsonAsync(new ApiMessage("需要身份验证：请在 Authorization 头中提供 Bearer 令牌或 API 密钥"), Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ApiMessage("没有权限执行此操作"), Context.RequestAborted);
    }
}
