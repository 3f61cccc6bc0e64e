using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Persistence;
using Reduction.Identity.SignIn;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Identity;

/// <summary>The sign-in rules on a clock the test moves: five failures within fifteen minutes lock for fifteen
/// minutes (refused even with the right password), failures spread wider do not, and every attempt is audited.</summary>
public sealed class AccountSignInTests : IAsyncLifetime
{
    private const string Password = "Shigatse-Staff-2026";
    private readonly SqliteTestDatabase _file = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    private ServiceProvider _services = null!;

    private AccountSignIn SignIn => _services.GetRequiredService<AccountSignIn>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqliteConnectionString"] = _file.ConnectionString,
            ["Storage:DataRoot"] = Path.GetTempPath(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddReductionWorkflows(configuration);
        services.AddReductionIdentity(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await _services.GetRequiredService<AccountDatabase>().MigrateAsync();
        var created = await _services.GetRequiredService<AccountService>().CreateAsync(
            new NewAccount("ciren", "日喀则市", [AccountRoles.Member], Password, MustChangePassword: false), new AuditActor("test", null, null));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
    }

    [Fact]
    public async Task FiveFailuresWithinTheWindow_Locked_RightPasswordRefused_UntilFifteenMinutesPass()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignInStatus.Failed, (await SignIn.CheckAsync("ciren", "Wrong-Password-1", null, "10.0.0.9")).Status);
            _clock.Advance(TimeSpan.FromMinutes(2));
        }

        var locked = await SignIn.CheckAsync("ciren", Password, null, "10.0.0.9");
        _clock.Advance(TimeSpan.FromMinutes(8));
        var stillLocked = await SignIn.CheckAsync("ciren", Password, null, "10.0.0.9");
        _clock.Advance(TimeSpan.FromMinutes(6));
        var open = await SignIn.CheckAsync("ciren", Password, null, "10.0.0.9");

        Assert.Equal(SignInStatus.LockedOut, locked.Status);
        Assert.Equal(SignInStatus.LockedOut, stillLocked.Status);
        Assert.Equal(SignInStatus.Succeeded, open.Status);
        var log = _services.GetRequiredService<AuditLog>();
        Assert.Single(await log.QueryAsync(new AuditQuery(Action: "signin.lockout")));
        Assert.Equal(7, (await log.QueryAsync(new AuditQuery(User: "ciren", Action: "signin.failure"))).Count);
        Assert.True((await log.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task FailuresSpreadBeyondTheWindow_NeverLock()
    {
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(SignInStatus.Failed, (await SignIn.CheckAsync("ciren", "Wrong-Password-1", null, null)).Status);
            _clock.Advance(TimeSpan.FromMinutes(4));
        }

        Assert.Equal(SignInStatus.Succeeded, (await SignIn.CheckAsync("ciren", Password, null, null)).Status);
    }

    [Fact]
    public async Task UnknownUserAndWrongPassword_SameStatusAndMessage()
    {
        var unknown = await SignIn.CheckAsync("nobody", Password, null, null);
        var wrong = await SignIn.CheckAsync("ciren", "Wrong-Password-1", null, null);

        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Equal("用户名或密码错误", unknown.Message);
    }

    [Fact]
    public async Task RecoveryCode_StandsInForTheAuthenticatorOnce_TypedAnyCaseWithOrWithoutHyphen()
    {
        var users = _services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>();
        var account = (await users.FindByNameAsync("ciren"))!;
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 3))!.ToList();
        var typed = codes[0].Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

        var withoutFactor = await SignIn.CheckAsync("ciren", Password, null, null);
        var wrongCode = await SignIn.CheckAsync("ciren", Password, "ABCDE-FGHIJ", null);
        var first = await SignIn.CheckAsync("ciren", Password, typed, null);
        var again = await SignIn.CheckAsync("ciren", Password, codes[0], null);
        var second = await SignIn.CheckAsync("ciren", Password, codes[1], null);

        Assert.Equal(SignInStatus.TwoFactorRequired, withoutFactor.Status);
        Assert.Equal(SignInStatus.Failed, wrongCode.Status);
        Assert.Equal(SignInStatus.Succeeded, first.Status);
        Assert.Equal(SignInStatus.Failed, again.Status);
        Assert.Equal(SignInStatus.Succeeded, second.Status);
        var successes = await _services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: "ciren", Action: "signin.success"));
        Assert.Equal(["recovery code; 1 left", "recovery code; 2 left"], successes.Select(e => e.Detail));

        // Codes used up or phone lost: a security administrator resets, and the last code no longer opens the account.
        Assert.True(await _services.GetRequiredService<AccountService>().ResetTwoFactorAsync("ciren", new AuditActor("sec", null, null)));
        Assert.Equal(SignInStatus.Succeeded, (await SignIn.CheckAsync("ciren", Password, null, null)).Status);
        var fresh = _services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>();
        account = (await fresh.FindByNameAsync("ciren"))!;
        Assert.False(account.TwoFactorEnabled);
        Assert.Equal(0, await fresh.CountRecoveryCodesAsync(account));
        Assert.Single(await _services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Action: "account.two-factor-reset")));
    }

    [Theory]
    [InlineData("short1A!", false)]
    [InlineData("onlylowercaseletters", false)]
    [InlineData("lowercase-and-digits-2026", true)]
    [InlineData("UPPER-lower-only", true)]
    [InlineData("ciren-Password-2026", false)]
    public void PasswordRules_LengthClassesAndUserName(string password, bool accepted)
    {
        Assert.Equal(accepted, PasswordRules.Check("ciren", password).Count == 0);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _file.Dispose();
    }
}
