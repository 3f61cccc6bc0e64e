using System.Net;
using Microsoft.Extensions.Configuration;
using Reduction.Server.Hosting;
using Reduction.Server.Tests.Api;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Hosting;

/// <summary>HTTPS redirection and HSTS exactly when the server is configured to listen on HTTPS.</summary>
public sealed class HttpsEndpointTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", null, null)]
    [InlineData("http://127.0.0.1:5080;https://*:8443", null, 8443)]
    [InlineData(null, "https://reduction.example:443", 443)]
    [InlineData(null, null, null)]
    public void PortOf_UrlsAndKestrelEndpoints_TheFirstHttpsPort(string? urls, string? endpoint, int? expected)
    {
        var settings = new Dictionary<string, string?> { ["urls"] = urls, ["Kestrel:Endpoints:Public:Url"] = endpoint };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(expected, HttpsEndpoint.PortOf(configuration));
    }

    [Fact]
    public async Task Server_ConfiguredForHttps_RedirectsPlainRequestsAndSendsHsts()
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, settings: new Dictionary<string, string>
        {
            ["urls"] = "https://0.0.0.0:8443;http://0.0.0.0:8080",
        });
        using var plain = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://reduction.example"),
        });
        using var secure = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://reduction.example:8443"),
        });

        using var redirected = await plain.GetAsync(new Uri("/admin/outbox", UriKind.Relative));
        using var served = await secure.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal(new Uri("https://reduction.example:8443/admin/outbox"), redirected.Headers.Location);
        Assert.Contains("max-age=31536000", string.Join(",", served.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_OnPlainHttpOnly_NeitherRedirectNorHsts()
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, settings: new Dictionary<string, string>
        {
            ["urls"] = "http://0.0.0.0:8080",
        });
        using var plain = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://reduction.example"),
        });

        using var response = await plain.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
