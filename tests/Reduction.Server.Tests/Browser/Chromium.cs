using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Console;

namespace Reduction.Server.Tests.Browser;

/// <summary>What the browser tests share: Debian's Chromium launched headless (no browser download), screenshots
/// under artifacts/test-results/screenshots, and the task link a notice carries.</summary>
internal static partial class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REDUCTION_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    /// <summary>A full-page screenshot to <c>artifacts/test-results/screenshots/{name}.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AnswerFixture.RepositoryRoot(), "artifacts", "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    /// <summary>A new browser context (zh-CN, 1280 px) signed in to <paramref name="server"/>'s console as <paramref name="user"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, ConsoleServer server, string user)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(server.Url("/console/signin"));
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", ConsoleServer.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(server.Url("/console"));
        return page;
    }

    /// <summary>A task link as notices carry it: the server's address, `/t/` and a 43-character token.</summary>
    [GeneratedRegex(@"https?://[^\s/]+/t/[A-Za-z0-9_-]{43}")]
    public static partial Regex TaskLink();
}
