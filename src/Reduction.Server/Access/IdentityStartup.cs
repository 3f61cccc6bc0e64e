using Microsoft.Extensions.Options;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Persistence;
using Reduction.Server.Hosting;

namespace Reduction.Server.Access;

/// <summary>After the runtime's migration (the audit log's tables): migrates the account tables and, when there is no
/// account at all and `Security:BootstrapPassword` is set, creates the bootstrap account that must change its password
/// at first sign-in. Nothing is created without that setting: no account is built in, no password shipped.</summary>
internal sealed class IdentityStartup(
    AccountDatabase database,
    AccountService accounts,
    IOptions<ServerOptions> server,
    IOptions<SecurityOptions> security,
    ILogger<IdentityStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (server.Value.MigrateOnStart)
        {
            await database.MigrateAsync(cancellationToken);
        }

        var settings = security.Value;
        if (string.IsNullOrEmpty(settings.BootstrapPassword))
        {
            return;
        }

        if (await accounts.BootstrapAsync(settings.BootstrapUser, settings.BootstrapPassword, settings.EffectiveBootstrapRoles, cancellationToken))
        {
            logger.LogWarning(
                "Created the bootstrap account '{User}' ({Roles}) at /console/signin; its password must be changed at first sign-in",
                settings.BootstrapUser, string.Join(", ", settings.EffectiveBootstrapRoles));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
