using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>The administrator's sign-in: guessing is slowed to a stop per client address (the real one behind a
/// configured proxy only), failures are logged with the address, and blank or example passwords are not trusted.</summary>
public sealed class AdminSignInTests(ApiFixture fixture, PostgresServer postgres) : IClassFixture<ApiFixture>, IClassFixture<PostgresServer>
{
    private const string Guess = "guess-number";

    [Fact]
    public async Task SignIn_AfterFiveFailures_429WithRetryAfterEvenWithTheRightPassword_OtherAddressesUnaffected()
    {
        var address = fixture.NextAddress();
        using var guesser = fixture.Factory.ClientFrom(address);
        guesser.DefaultRequestHeaders.Authorization = AdminClient.Basic(AdminClient.User, Guess);

        for (var i = 1; i <= 5; i++)
        {
            using var failed = await guesser.GetAsync(new Uri("/api/workflows", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var limited = await guesser.GetAsync(new Uri("/api/workflows", UriKind.Relative));
        guesser.DefaultRequestHeaders.Authorization = AdminClient.Basic(AdminClient.User, AdminClient.Password);
        using var rightButLimited = await guesser.GetAsync(new Uri("/api/workflows", UriKind.Relative));
        using var other = fixture.Client();
        using var otherAddress = await other.GetAsync(new Uri("/api/workflows", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Contains("错误次数过多", (await limited.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
        var failures = fixture.Factory.Logs.Lines.Where(l => l.Message.Contains($"Failed administrator sign-in from {address}", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, failures.Count);
        Assert.DoesNotContain(fixture.Factory.Logs.Lines, l => l.Message.Contains(Guess, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInLimit_BehindAConfiguredProxy_CountsTheForwardedClient_FromAnUnknownOneTheConnection()
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, AdminClient.Password, settings: new Dictionary<string, string>
        {
            ["Server:KnownProxies:0"] = "10.9.0.1",
        });
        using var viaProxy = factory.ClientFrom(IPAddress.Parse("10.9.0.1"));
        using var viaStranger = factory.ClientFrom(IPAddress.Parse("10.9.0.2"));

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GuessAsync(viaProxy, "203.0.113.7"));
            Assert.Equal(HttpStatusCode.Unauthorized, await GuessAsync(viaStranger, $"198.51.100.{i}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(viaProxy, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GuessAsync(viaProxy, "203.0.113.8"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(viaStranger, "198.51.100.99"));
        Assert.Contains(factory.Logs.Lines, l => l.Message.Contains("Failed administrator sign-in from 203.0.113.7", StringComparison.Ordinal));
        Assert.Contains(factory.Logs.Lines, l => l.Message.Contains("Failed administrator sign-in from 10.9.0.2", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Message.Contains("from 198.51.100.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t  ")]
    public async Task BlankPassword_AdministrationClosedAndTheReasonLogged(string blank)
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, blank);
        using var client = factory.ClientFrom(IPAddress.Parse("10.9.1.1"));
        client.DefaultRequestHeaders.Authorization = AdminClient.Basic(AdminClient.User, blank);

        using var api = await client.GetAsync(new Uri("/api/workflows", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("未配置管理员密码", (await api.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Lines, l => l.Message.Contains("Server:Admin:Password (or Server:Admin:User) is blank", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExamplePassword_ServesButWarnsAtStart()
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, "change-me");
        using var client = factory.ClientFrom(IPAddress.Parse("10.9.1.2"));
        client.DefaultRequestHeaders.Authorization = AdminClient.Basic(AdminClient.User, "change-me");

        using var api = await client.GetAsync(new Uri("/api/workflows", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains(factory.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("README's example 'change-me'", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> GuessAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        request.Headers.Authorization = AdminClient.Basic(AdminClient.User, Guess);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
