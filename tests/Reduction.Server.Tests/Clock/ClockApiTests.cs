using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Clock;

/// <summary>The drill clock's API, banner and health on a server started on it (in-process, real PostgreSQL and job
/// server): reading the time, moving it forward by instant or duration, refusals, and a one-day workflow delay that
/// fires when the clock is moved past it and not before.</summary>
public sealed class ClockApiTests(ClockApiTests.DrillServer server) : IClassFixture<ClockApiTests.DrillServer>
{
    /// <summary>Where the drill starts; far enough from anything the tests move to.</summary>
    public static readonly DateTimeOffset Start = new(2015, 1, 5, 8, 0, 0, TimeSpan.FromHours(8));

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string Nap = """
        {
          "id": "clock-drill",
          "name": "演练时钟：隔日",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "nap", "type": "Delay", "inputs": { "duration": "P1D" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "nap" },
            { "from": "nap", "outcome": "done", "to": "end" }
          ]
        }
        """;

    [Fact]
    public async Task Get_OnTheDrillClock_ModeStartSpeedAndVirtualNow()
    {
        using var client = server.Client();

        var clock = (await client.GetFromJsonAsync<JsonObject>("/api/clock"))!;

        Assert.Equal("drill", clock["mode"]!.GetValue<string>());
        Assert.Equal("2015-01-05T08:00:00+08:00", clock["start"]!.GetValue<string>());
        Assert.Equal(1, clock["speed"]!.GetValue<double>());
        var now = clock["now"]!.GetValue<DateTimeOffset>();
        Assert.InRange(now, Start, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(TimeSpan.FromHours(8), now.Offset);
    }

    [Fact]
    public async Task Api_WithoutTheAdminCredential_401()
    {
        using var client = server.Client(password: null);

        using var get = await client.GetAsync(new Uri("/api/clock", UriKind.Relative));
        using var post = await client.PostAsJsonAsync("/api/clock/advance", new { by = "P1D" });

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task Advance_ToALaterInstantThenByADuration_MovesForwardOnly()
    {
        using var client = server.Client();
        var before = await NowAsync(client);
        var target = before.AddDays(2).AddHours(3);

        using var to = await client.PostAsJsonAsync("/api/clock/advance", new { to = target.ToString("O", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, to.StatusCode);
        var moved = (await to.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("drill", moved["mode"]!.GetValue<string>());
        Assert.InRange(moved["from"]!.GetValue<DateTimeOffset>(), before, target);
        Assert.InRange(moved["now"]!.GetValue<DateTimeOffset>(), target, target.AddSeconds(5));
        Assert.True(moved["dueTimers"]!.GetValue<int>() >= 0);
        Assert.InRange(await NowAsync(client), target, target.AddSeconds(30));

        using var by = await client.PostAsJsonAsync("/api/clock/advance", new { by = "P3D" });
        Assert.Equal(HttpStatusCode.OK, by.StatusCode);
        var hop = (await by.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.InRange(hop["now"]!.GetValue<DateTimeOffset>() - hop["from"]!.GetValue<DateTimeOffset>(), TimeSpan.FromDays(3), TimeSpan.FromDays(3).Add(TimeSpan.FromSeconds(1)));
        Assert.InRange(hop["from"]!.GetValue<DateTimeOffset>(), target, target.AddSeconds(30));
    }

    [Fact]
    public async Task Advance_Backwards_400SaysItOnlyMovesForward_ClockUnchanged()
    {
        using var client = server.Client();
        var before = await NowAsync(client);

        using var response = await client.PostAsJsonAsync("/api/clock/advance", new { to = "2015-01-01T00:00:00+08:00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
        Assert.Contains("演练时钟只能向前调", message, StringComparison.Ordinal);
        Assert.Contains("2015年1月1日 00:00:00", message, StringComparison.Ordinal);
        Assert.InRange(await NowAsync(client), before, before.AddSeconds(30));
    }

    [Theory]
    [InlineData("""{}""", "二者之一")]
    [InlineData("""{"to": "2016-01-01T00:00:00+08:00", "by": "P1D"}""", "二者之一")]
    [InlineData("""{"to": "next Monday"}""", "不是 ISO 8601 时刻")]
    [InlineData("""{"by": "three days"}""", "不是 ISO 8601 时长")]
    [InlineData("""{"by": "-P1D"}""", "只能向前调")]
    [InlineData("""{"by": "PT0S"}""", "只能向前调")]
    public async Task Advance_BadRequest_400WithAChineseMessage(string body, string says)
    {
        using var client = server.Client();

        using var response = await client.PostAsync(new Uri("/api/clock/advance", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"by": "P1000Y"}""")]
    [InlineData("""{"by": "P401D"}""")]
    [InlineData("""{"to": "2999-01-01T00:00:00+08:00"}""")]
    public async Task Advance_FurtherThanMaxAdvance_400WithAChineseMessage_ClockUnchanged(string body)
    {
        using var client = server.Client();
        var before = await NowAsync(client);

        using var response = await client.PostAsync(new Uri("/api/clock/advance", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
        Assert.Contains("演练时钟一次最多向前调 400 天（Clock:MaxAdvance）", message, StringComparison.Ordinal);
        Assert.Contains("时钟未调整", message, StringComparison.Ordinal);
        Assert.InRange(await NowAsync(client), before, before.AddSeconds(30));
    }

    [Fact]
    public async Task Health_ReportsTheDrillClock()
    {
        using var client = server.Client(password: null);

        var health = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, Patience, "healthy");

        Assert.Equal("drill", health["clock"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminPage_ShowsTheDrillClockBanner()
    {
        using var client = await server.PagesAsync();

        var html = await client.GetStringAsync(new Uri("/admin", UriKind.Relative));

        Assert.Matches("<p class=\"drill-clock\" role=\"status\">演练时钟：模拟时间 2015年[0-9]+月[0-9]+日 [0-9:]{8}（北京时间）", html);
    }

    [Fact]
    public async Task Delay_OneDay_FiresOnlyWhenTheClockIsMovedPastIt()
    {
        using var client = server.Client();
        using var started = await client.PostAsJsonAsync("/api/workflows/clock-drill/instances", new { correlationKey = $"clock-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();

        // A few real seconds are a few virtual seconds: the day's delay stays pending.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("Running", await StatusAsync(client, id));

        using var advanced = await client.PostAsJsonAsync("/api/clock/advance", new { by = "P1DT1M" });
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        await Eventually.TrueAsync(async () => await StatusAsync(client, id) == "Completed", Patience, "the delayed instance completed after the clock moved a day on");
    }

    private static async Task<DateTimeOffset> NowAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/clock"))!["now"]!.GetValue<DateTimeOffset>();

    private static async Task<string> StatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/instances/{id}"))!["instance"]!["status"]!.GetValue<string>();

    /// <summary>One in-process server on the drill clock (from <see cref="Start"/>, speed 1) and a database of its own.</summary>
    public sealed class DrillServer : IAsyncLifetime
    {
        private readonly PostgresServer _postgres = new();
        private DrillFolder? _folder;
        private Factory? _factory;

        public async Task InitializeAsync()
        {
            await _postgres.InitializeAsync();
            var connectionString = await _postgres.CreateDatabaseAsync();
            _folder = new DrillFolder(Nap);
            _factory = new Factory(connectionString, _folder.Path);
            _ = _factory.Server;
            await TestAccounts.EnsureOperatorAsync(_factory.Services);
        }

        public Task<HttpClient> PagesAsync() => TestSignIn.ClientAsync(_factory!);

        public HttpClient Client(string? password = AdminClient.Password)
        {
            return password is null
                ? _factory!.CreateClient()
                : new HttpClient(AdminClient.SignedIn(_factory!.Server.CreateHandler(), AdminClient.User, password)) { BaseAddress = new Uri("http://localhost") };
        }

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            _folder?.Dispose();
            await _postgres.DisposeAsync();
        }

        private sealed class Factory(string connectionString, string workflowsFolder) : WebApplicationFactory<Program>
        {
            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                Support.TestSignIn.AddTo(builder);
                builder.UseSetting("Security:RequireTwoFactorForAdmins", "false");
                builder.UseEnvironment("Production");
                builder.UseSetting("Clock:Start", Start.ToString("O", CultureInfo.InvariantCulture));
                builder.UseSetting("Storage:PostgresConnectionString", connectionString);
                builder.UseSetting("Storage:DataRoot", Directory.CreateTempSubdirectory("reduction-server-test-").FullName);
                builder.UseSetting("Server:WorkflowsFolder", workflowsFolder);
                builder.UseSetting("Hangfire:WorkerCount", "2");
                builder.UseSetting("Hangfire:SweepInterval", "00:00:01");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
            }
        }
    }
}
