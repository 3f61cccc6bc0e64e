using System.Net;
using Microsoft.Playwright;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Console;

/// <summary>
/// The README's first run, as a newcomer does it: the server on a machine without a database (Development, SQLite in
/// its own data folder) with `Security__BootstrapPassword` from the environment, then Chromium: the console asks for
/// the sign-in, `admin` signs in with that password, must choose an own one, and lands in a console that shows the
/// bootstrap roles. After a restart the bootstrap password opens nothing: it was a first-run key only.
/// </summary>
public sealed class FirstRunBrowserTests : IAsyncLifetime
{
    private const string BootstrapPassword = "Choose-Your-Own-2026";
    private const string OwnPassword = "Namcha-Barwa-7782m";
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("reduction-first-run-").FullName;
    private ServerProcess _server = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var environment = ServerSettings.For(string.Empty, Path.Combine(AnswerFixture.RepositoryRoot(), "workflows"));
        environment.Remove("Storage__PostgresConnectionString");
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        // `dotnet run --project src/Reduction.Server` runs in the project folder: its appsettings.Development.json applies.
        environment["ASPNETCORE_CONTENTROOT"] = Path.Combine(AnswerFixture.RepositoryRoot(), "src", "Reduction.Server");
        environment["Storage__DataRoot"] = _dataRoot;
        environment["Security__BootstrapPassword"] = BootstrapPassword;
        _server = new ServerProcess("first-run", environment);
        await _server.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task FirstRun_BootstrapPasswordFromTheEnvironment_SignInChangeItAndUseTheConsole_OnceOnly()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Url("/console"));
        Assert.StartsWith(Url("/console/signin"), page.Url, StringComparison.Ordinal);

        await SignInAsync(page, "admin", BootstrapPassword);
        Assert.Equal(Url("/console/account/password"), page.Url);
        Assert.True(await page.IsVisibleAsync("[data-testid=must-change]"));
        await Chromium.ScreenshotAsync(page, "console-first-run-password");
        await page.FillAsync("#current", BootstrapPassword);
        await page.FillAsync("#new", OwnPassword);
        await page.FillAsync("#confirm", OwnPassword);
        await page.ClickAsync("#change");
        await page.WaitForSelectorAsync("[data-testid=password-changed]");

        var home = await page.GotoAsync(Url("/console"));
        Assert.Equal((int)HttpStatusCode.OK, home!.Status);
        var roles = await page.InnerTextAsync("[data-testid=roles]");
        Assert.Contains("安全管理员", roles, StringComparison.Ordinal);
        Assert.Contains("业务操作员", roles, StringComparison.Ordinal);
        var accounts = await page.GotoAsync(Url("/console/accounts"));
        Assert.Equal((int)HttpStatusCode.OK, accounts!.Status);
        Assert.Contains("admin", await page.InnerTextAsync("[data-testid=accounts]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("tr[data-user=admin] button[data-action=disable]").CountAsync());
        await Chromium.ScreenshotAsync(page, "console-first-run-home");
        await page.Context.CloseAsync();

        // The same start command again: the account exists, so the environment's password sets nothing.
        await _server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        await _server.StartAsync();
        var again = await NewPageAsync();
        await SignInAsync(again, "admin", BootstrapPassword);
        Assert.Equal("用户名或密码错误", (await again.InnerTextAsync("[data-testid=signin-message]")).Trim());
        await SignInAsync(again, "admin", OwnPassword);
        Assert.Equal(Url("/console"), again.Url);
        await again.Context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed server still held; the temp folder is cleaned by the system.
        }
    }

    private string Url(string path) => _server.BaseAddress.ToString().TrimEnd('/') + path;

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        return await context.NewPageAsync();
    }

    private async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync(Url("/console/signin"));
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
