using Microsoft.AspNetCore.Authentication;

namespace Reduction.Server.Admin;

/// <summary>The administrator gate of the admin API and the job dashboard: HTTP Basic against
/// `Server:Admin:User`/`Server:Admin:Password` until real sign-in exists.</summary>
public static class AdminAuthorization
{
    public const string Scheme = "Basic";

    public const string Policy = "Administrator";

    public const string Role = "admin";

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(Role));
        return services;
    }
}
