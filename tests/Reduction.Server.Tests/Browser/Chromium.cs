using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reduction.Server.Tests.Answers;

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

    /// <summary>A screenshot of one element (a section of a long page) to <c>artifacts/test-results/screenshots/{name}.png</c>.</summary>
    public static async Task ScreenshotAsync(ILocator element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        var folder = Path.Combine(AnswerFixture.RepositoryRoot(), "artifacts", "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
    }

    /// <summary>A task link as notices carry it: the server's address, `/t/` and a 43-character token.</summary>
    [GeneratedRegex(@"https?://[^\s/]+/t/[A-Za-z0-9_-]{43}")]
    public static partial Regex TaskLink();
}
