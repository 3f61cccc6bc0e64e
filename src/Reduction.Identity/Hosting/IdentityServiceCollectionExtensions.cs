using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Identity.Keys;
using Reduction.Identity.Persistence;
using Reduction.Identity.SignIn;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Identity.Hosting;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Accounts on the application database (Identity's stores over <see cref="AccountDbContext"/>), the
    /// password and lockout rules, sign-in checks, bearer credentials. The server adds cookies and the sign-in
    /// manager on top; the CLI uses this as is. Needs the runtime's storage options and clock (AddReductionWorkflows).</summary>
    public static IServiceCollection AddReductionIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName))
            .PostConfigure<IOptions<WorkflowStorageOptions>>((security, storage) => security.AuditArchiveDirectory =
                DataRoot.PathOf(storage.Value.DataRoot ?? DataRoot.Resolve(null, Directory.GetCurrentDirectory()), security.AuditArchiveDirectory))
            .Validate(security => AuditRetention.Problem(security.AuditRetention) is null, AuditRetention.TooShort)
            .ValidateOnStart();
        services.TryAddSingleton(sp => new AccountDatabase(sp.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddScoped(sp => sp.GetRequiredService<AccountDatabase>().CreateContext());
        services.AddIdentityCore<Account>(identity =>
            {
                // The rules live in PasswordRules (length, three classes, not the user name); Identity's own are off.
                identity.Password.RequiredLength = PasswordRules.MinimumLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.User.RequireUniqueEmail = false;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";

                // Lockout is counted in a window by AccountSignIn; Identity's own counter is not used.
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = int.MaxValue;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AccountDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();

        // Identity's default validator would check length etc. again with English texts.
        services.RemoveAll<IPasswordValidator<Account>>();
        services.AddScoped<IPasswordValidator<Account>, PasswordRules>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<AccountSignIn>();
        services.TryAddSingleton<BearerCredentials>();
        return services;
    }
}
