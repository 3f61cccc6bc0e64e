using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Persistence;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Console;

/// <summary>The real server (PostgreSQL, production settings, two factors required for administrators, a 40-second idle
/// time-out) for the console's browser tests, and a host of the test's own on the same database that creates accounts
/// through <see cref="AccountService"/> and reads the audit log.</summary>
public class ConsoleServer : IAsyncLifetime
{
    public const string Password = "Qomolangma-8848m";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(40);

    private readonly PostgresServer _postgres = new();
    private ServiceProvider? _host;
    private ServerProcess? _server;

    public Uri BaseAddress => _server!.BaseAddress;

    public string Url(string path) => BaseAddress.ToString().TrimEnd('/') + path;

    public string Tail => _server?.Tail ?? string.Empty;

    /// <summary>Whether administrators must enrol a second factor (the designer's tests sign in without one).</summary>
    protected virtual bool RequireTwoFactorForAdmins => true;

    /// <summary>Settings a derived fixture adds to the server's environment before it starts (a drill clock, SMTP).</summary>
    protected virtual Task ConfigureAsync(Dictionary<string, string> environment) => Task.CompletedTask;

    /// <summary>A client of the server's API with a bearer token of <paramref name="user"/>.</summary>
    public async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { username = user, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new browser context (zh-CN, Beijing time) with <paramref name="user"/> signed in to the console
    /// (password only: the fixtures that use it sign in without a second factor), on the console's home page.</summary>
    public async Task<Microsoft.Playwright.IPage> SignInAsync(Microsoft.Playwright.IBrowser browser, string user, int width = 1280)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions
        {
            ViewportSize = new Microsoft.Playwright.ViewportSize { Width = width, Height = 900 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(Url("/console/signin"));
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(Url("/console"));
        return page;
    }

    /// <summary>Stops the server process gracefully and starts it again on the same database.</summary>
    public async Task RestartAsync()
    {
        await _server!.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        await _server.StartAsync();
    }

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync();
        var environment = ServerSettings.For(connectionString, Path.Combine(AnswerFixture.RepositoryRoot(), "workflows"));
        environment["Security__IdleTimeout"] = IdleTimeout.ToString();
        environment["Security__RequireTwoFactorForAdmins"] = RequireTwoFactorForAdmins ? "true" : "false";
        await ConfigureAsync(environment);
        _server = new ServerProcess("console", environment);
        await _server.StartAsync();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:RequireTwoFactorForAdmins"] = RequireTwoFactorForAdmins ? "true" : "false",
        }).Build();
        var storage = new WorkflowStorageOptions { PostgresConnectionString = connectionString };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(PartyDirectory.LoadDefault());
        services.AddSingleton(Options.Create(storage));
        services.AddSingleton(new WorkflowDatabase(storage));
        services.AddSingleton<AuditLog>();
        services.AddReductionIdentity(configuration);
        _host = services.BuildServiceProvider();
        await _host.GetRequiredService<AccountDatabase>().MigrateAsync();
    }

    /// <summary>A new account with a unique name (`{prefix}-xxxxxx`) and <see cref="Password"/>.</summary>
    public async Task<string> AddAccountAsync(string prefix, string party, string[] roles, bool mustChangePassword = false)
    {
        var userName = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 7)];
        var result = await _host!.GetRequiredService<AccountService>()
            .CreateAsync(new NewAccount(userName, party, roles, Password, MustChangePassword: mustChangePassword), new AuditActor("test", null, null));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return userName;
    }

    public async Task<Account> AccountAsync(string userName)
    {
        await using var scope = _host!.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByNameAsync(userName))!;
    }

    public Task<IReadOnlyList<AuditRecord>> AuditAsync(string user, string? action = null) =>
        _host!.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: user, Action: action, Take: 1000));

    /// <summary>The server's workflow database, for rows a test writes or checks directly.</summary>
    public WorkflowDatabase Workflows => _host!.GetRequiredService<WorkflowDatabase>();

    public Task<AuditVerification> VerifyAuditAsync() => _host!.GetRequiredService<AuditLog>().VerifyAsync();

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}
