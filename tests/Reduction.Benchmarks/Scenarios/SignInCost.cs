using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Persistence;
using Reduction.Identity.SignIn;
using Reduction.Workflows.Auditing;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(j) One account's sign-in through <c>AccountSignIn.CheckAsync</c> (find the account, lockout window,
/// password, roles, account update, audit entry) against Identity's bare <c>PasswordHasher.VerifyHashedPassword</c> on
/// the same account's hash, and <c>UserManager.CheckPasswordAsync</c> between the two; one caller, as one person
/// signing in.</summary>
internal static class SignInCost
{
    private const string User = "bench-zhaxi";
    private const string Password = "Bench-Lhasa#2026-sign-in";
    private const int WarmUp = 10;

    public static async Task RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_signin";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            await using var host = await BenchHost.StartAsync(connectionString, server: false, cancellationToken, (services, configuration) =>
            {
                services.AddReductionIdentity(configuration);
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
            });
            await host.Services.GetRequiredService<AccountDatabase>().MigrateAsync(cancellationToken);
            var created = await host.Services.GetRequiredService<AccountService>().CreateAsync(
                new NewAccount(User, BenchParties.Prefecture, [AccountRoles.Member], Password, MustChangePassword: false), AuditActor.System, cancellationToken);
            if (created.AccountId is null)
            {
                throw new InvalidOperationException("bench account not created: " + string.Join("; ", created.Errors));
            }

            var signIn = host.Services.GetRequiredService<AccountSignIn>();
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
            var account = await users.FindByNameAsync(User) ?? throw new InvalidOperationException("bench account not found");
            var hash = account.PasswordHash!;

            async Task<double> TimeAsync(string what, Func<Task<bool>> once)
            {
                for (var i = 0; i < WarmUp; i++)
                {
                    await once();
                }

                var clock = Stopwatch.StartNew();
                for (var i = 0; i < sizes.SignIns; i++)
                {
                    if (!await once())
                    {
                        throw new InvalidOperationException($"{what} refused the right password");
                    }
                }

                return sizes.SignIns / clock.Elapsed.TotalSeconds;
            }

            // Interleaved so that neither gets a quieter machine: bare, full, bare again, averaged.
            var bare1 = await TimeAsync("VerifyHashedPassword", () => Task.FromResult(hasher.VerifyHashedPassword(account, hash, Password) != PasswordVerificationResult.Failed));
            var full = await TimeAsync("AccountSignIn.CheckAsync", async () => (await signIn.CheckAsync(User, Password, null, "127.0.0.1", cancellationToken)).Status == SignInStatus.Succeeded);
            var manager = await TimeAsync("UserManager.CheckPasswordAsync", () => users.CheckPasswordAsync(account, Password));
            var bare2 = await TimeAsync("VerifyHashedPassword", () => Task.FromResult(hasher.VerifyHashedPassword(account, hash, Password) != PasswordVerificationResult.Failed));
            var bare = (bare1 + bare2) / 2;

            var baseline = (bare, "checks/s", "PasswordHasher.VerifyHashedPassword, j");
            table.Add("j", "password check alone (PasswordHasher.VerifyHashedPassword)", bare, "checks/s");
            table.Add("j", "password check through UserManager.CheckPasswordAsync", manager, "checks/s", baseline);
            table.Add("j", "sign-in of one account (AccountSignIn.CheckAsync)", full, "sign-ins/s", baseline);
            table.Note("j", string.Create(CultureInfo.InvariantCulture, $"{sizes.SignIns} each after {WarmUp} untimed, one caller: {1000 / bare:0.0} ms per bare check ({1000 / bare1:0.0} before, {1000 / bare2:0.0} after the others), {1000 / manager:0.0} ms through UserManager, {1000 / full:0.0} ms per sign-in; the sign-in's own share ({1000 / full - 1000 / bare:0.0} ms) is the account lookup, the roles, the account's update and its audit entry (two transactions)"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }
}
