using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Api;

namespace Reduction.Server.Tests.Hosting;

/// <summary>Every page kind carries the security headers, and the ones that show a task link are never cached; the
/// form pages do so without antiforgery complaining about it.</summary>
[Collection(AnswerCollection.Name)]
public sealed class SecurityHeadersTests(AnswerFixture fixture)
{
    [Fact]
    public async Task EveryPageKind_FramingSniffingReferrerAndScriptForbidden_TaskLinksNotCached()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        using var admin = await fixture.PagesAsync();
        using var api = fixture.Admin();
        using var systemAdmin = await fixture.PagesAsync(AnswerFixture.SystemAdminUser);

        var pages = new (string Name, HttpClient Client, string Path, bool NoStore, bool Dashboard)[]
        {
            ("task page", browser, $"/t/{token}", true, false),
            ("link problem page", browser, "/t/not-a-token", true, false),
            ("admin home", admin, "/admin", true, false),
            ("admin outbox", admin, "/admin/outbox", true, false),
            ("admin API", api, "/api/workflows", true, false),
            ("refused admin page", fixture.Browser(), "/admin/outbox", true, false),
            ("unknown page", browser, "/no-such-page", false, false),
            ("job dashboard", systemAdmin, "/hangfire", false, true),
        };

        foreach (var (name, client, path, noStore, dashboard) in pages)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            string Header(string header) => response.Headers.TryGetValues(header, out var values) ? string.Join(", ", values) : string.Empty;

            Assert.True(Header("X-Content-Type-Options") == "nosniff", $"{name}: nosniff");
            Assert.True(Header("X-Frame-Options") == "DENY", $"{name}: X-Frame-Options {Header("X-Frame-Options")}");
            Assert.True(Header("Referrer-Policy") == "no-referrer", $"{name}: Referrer-Policy");
            var policy = Header("Content-Security-Policy");
            Assert.True(policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{name}: CSP {policy}");
            Assert.True(policy.Contains("default-src 'self'", StringComparison.Ordinal) || policy.Contains("default-src 'none'", StringComparison.Ordinal), $"{name}: CSP {policy}");
            Assert.False(policy.Contains("script-src 'unsafe-inline'", StringComparison.Ordinal), $"{name}: CSP {policy}");
            if (!dashboard)
            {
                Assert.True(policy.Contains("script-src 'none'", StringComparison.Ordinal) || policy.StartsWith("default-src 'none'", StringComparison.Ordinal), $"{name}: CSP {policy}");
                Assert.False(policy.Contains("unsafe-inline", StringComparison.Ordinal), $"{name}: CSP {policy}");
            }

            if (noStore)
            {
                Assert.True(response.Headers.CacheControl?.NoStore == true, $"{name}: Cache-Control {response.Headers.CacheControl}");
            }
        }
    }

    [Fact]
    public async Task FormPages_Viewed_NoAntiforgeryCacheHeaderWarning()
    {
        var logs = new LogCapture();
        await using var logged = fixture.Factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var admin = await Support.TestSignIn.ClientAsync(logged);

        var taskPage = await browser.GetStringAsync(new Uri($"/t/{token}", UriKind.Relative));
        var adminHome = await admin.GetStringAsync(new Uri("/admin", UriKind.Relative));

        Assert.Contains("__csrf", taskPage, StringComparison.Ordinal);
        Assert.Contains("__csrf", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("have been overridden", StringComparison.Ordinal));
    }
}
