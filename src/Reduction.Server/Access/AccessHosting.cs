using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Server.Hosting;

namespace Reduction.Server.Access;

public static class AccessHosting
{
    /// <summary>The scheme that picks one of the two: bearer on `/api`, the console's cookie everywhere else.</summary>
    public const string Scheme = "reduction";

    public const string CookieName = "reduction-session";

    /// <summary>Accounts, sign-in and the two credentials: `Authorization: Bearer` (token or API key) on `/api` only,
    /// so no browser can replay it cross-site, and Identity's cookie for the console and the job dashboard, ending
    /// after `Security:IdleTimeout` without a request. Policies by role and scope (<see cref="AccessPolicies"/>).</summary>
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddReductionIdentity(builder.Configuration);
        new IdentityBuilder(typeof(Account), typeof(IdentityRole<Guid>), services).AddSignInManager();
        services.AddHostedService<IdentityStartup>();
        services.AddSingleton<SignInThrottle>();

        var idle = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>()?.IdleTimeout ?? new SecurityOptions().IdleTimeout;
        var https = HttpsEndpoint.PortOf(builder.Configuration) is not null;
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Bearer on /api, cookie elsewhere", options =>
                options.ForwardDefaultSelector = context => ApiErrors.IsApi(context) ? BearerAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = idle;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/console/signin";
                cookie.LogoutPath = "/console/signout";
                cookie.AccessDeniedPath = "/console/denied";
                cookie.ReturnUrlParameter = "returnUrl";
            }));

        var oidc = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName);
        if (oidc.IsEnabled)
        {
            // The provider's answer lands in Identity's external cookie; OidcSignIn matches it to our account.
            new AuthenticationBuilder(services).AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.CallbackPath = "/console/signin/oidc/callback";
                options.Scope.Add("profile");
                options.MapInboundClaims = false;
            });
        }

        // A disabled account, a reset password or changed roles end existing sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));
        AccessPolicies.Add(services.AddAuthorizationBuilder());
        return builder;
    }
}
