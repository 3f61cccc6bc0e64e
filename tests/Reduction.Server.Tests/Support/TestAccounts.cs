using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Persistence;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Support;

/// <summary>Accounts for the tests, made as a security administrator would (AccountService), with passwords that are
/// already the person's own (no change at first sign-in), so a test can ask for a token straight away.</summary>
internal static class TestAccounts
{
    private static readonly AuditActor Creator = new("test-setup", "epb", "test");

    /// <summary>Creates the account in the server's own services (an in-process server); an existing one is kept.</summary>
    public static async Task EnsureAsync(IServiceProvider services, string user, string party, string password, params string[] roles)
    {
        var accounts = services.GetRequiredService<AccountService>();
        if ((await accounts.ListAsync()).Any(a => a.UserName == user))
        {
            return;
        }

        var result = await accounts.CreateAsync(new NewAccount(user, party, roles, password, MustChangePassword: false), Creator);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"test account {user}: {string.Join("; ", result.Errors)}");
        }
    }

    /// <summary>The test operator (<see cref="AdminClient.User"/>, EPB) in the server's services.</summary>
    public static Task EnsureOperatorAsync(IServiceProvider services) =>
        EnsureAsync(services, AdminClient.User, "epb", AdminClient.Password, AccountRoles.Operator);

    /// <summary>The test operator in a database a server child process will use: migrates it first, so it must run
    /// before that server starts.</summary>
    public static async Task EnsureOperatorAsync(string postgresConnectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:PostgresConnectionString"] = postgresConnectionString,
            ["Storage:DataRoot"] = Path.GetTempPath(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReductionWorkflows(configuration);
        services.AddReductionIdentity(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await provider.GetRequiredService<AccountDatabase>().MigrateAsync();
        await EnsureOperatorAsync(provider);
    }
}
