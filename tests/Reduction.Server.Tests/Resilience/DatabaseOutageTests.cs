using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Reduction.Domain.Calendar;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>PostgreSQL stops (immediate shutdown: connections cut) for 30 seconds while instances run and more are
/// being started. The server must notice (health 503), keep its process, recover by itself when the database is
/// back, and lose or repeat nothing. Runs on a cluster of its own: the shared test server is never stopped.</summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Before = 40;
    private const int During = 20;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private PostgresCluster? _cluster;
    private DrillFolder? _folder;
    private ServerProcess? _server;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.CreateAsync();
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE DATABASE drill", connection);
        await command.ExecuteNonQueryAsync();
        await TestAccounts.EnsureOperatorAsync(_cluster.ConnectionString("drill"));
        _folder = new DrillFolder(Drills.Crash, Drills.CrashChild);
        _server = new ServerProcess("outage", ServerSettings.For(_cluster.ConnectionString("drill"), _folder.Path));
    }

    [Fact]
    public async Task Database_StoppedThirtySecondsUnderLoad_ServerRecoversByItselfLosingNothing()
    {
        var cluster = _cluster!;
        var server = _server!;
        var database = new DrillDatabase(cluster.ConnectionString("drill"));
        await server.StartAsync();
        using var admin = new AdminClient(server.BaseAddress);
        var answerer = new TaskAnswerer(admin, database, "crash-drill");
        using var stop = new CancellationTokenSource();
        var answering = answerer.RunAsync(stop.Token);
        try
        {
            for (var i = 0; i < Before; i++)
            {
                await admin.StartReliablyAsync("crash-drill", Variables(i), $"before-{i}", TimeSpan.FromSeconds(30));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            await cluster.StopAsync();
            var stoppedAt = DateTimeOffset.UtcNow;
            output.WriteLine("database stopped");
            var starting = Task.Run(async () =>
            {
                for (var i = 0; i < During; i++)
                {
                    await admin.StartReliablyAsync("crash-drill", Variables(i), $"during-{i}", TimeSpan.FromMinutes(3));
                }
            });

            var unhealthy = await Eventually.ReturnsAsync(() => HealthAsync(admin, HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(20), "health reports the outage");
            output.WriteLine($"during the outage /health said: {unhealthy.ToJsonString()}");
            var rest = Outage - (DateTimeOffset.UtcNow - stoppedAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            await cluster.StartAsync();
            var restartedAt = DateTimeOffset.UtcNow;
            output.WriteLine($"database started again after {(restartedAt - stoppedAt).TotalSeconds:0.0} s");
            await Eventually.ReturnsAsync(() => HealthAsync(admin, HttpStatusCode.OK), TimeSpan.FromSeconds(90), "health ok again");
            output.WriteLine($"healthy again {(DateTimeOffset.UtcNow - restartedAt).TotalSeconds:0.0} s after the database came back");
            await starting;
            await Eventually.TrueAsync(async () =>
            {
                await using var db = database.Context();
                return await db.Instances.CountAsync(i => i.Status == InstanceStatus.Completed) == 2 * (Before + During);
            }, TimeSpan.FromMinutes(3), "every instance completed", TimeSpan.FromSeconds(1));
            output.WriteLine($"all completed {(DateTimeOffset.UtcNow - restartedAt).TotalSeconds:0.0} s after the database came back; answers {answerer}");
        }
        catch (Exception)
        {
            output.WriteLine(await database.DescribeAsync());
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await answering;
        }

        Assert.True(server.IsRunning, "the server process died during the outage");
        Assert.Equal(1, server.Starts);
        var report = await DrillChecks.VerifyAsync(database, "crash-drill", "crash-drill-child");
        output.WriteLine(report.ToString());
        Assert.Equal(2 * (Before + During), report.Instances);
        Assert.Equal(0, answerer.Answers.Where(a => (int)a.Key >= 500 && a.Key != HttpStatusCode.ServiceUnavailable).Sum(a => a.Value));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            output.WriteLine($"==== {_server.Name} last lines:\n{string.Join('\n', _server.Tail.Split('\n').TakeLast(80))}");
            await _server.DisposeAsync();
        }

        _folder?.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static async Task<JsonObject?> HealthAsync(AdminClient admin, HttpStatusCode wanted)
    {
        try
        {
            using var response = await admin.Http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.StatusCode == wanted ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static JsonObject Variables(int i)
    {
        var today = BeijingTime.DateOf(DateTimeOffset.UtcNow);
        return new JsonObject
        {
            ["year"] = today.Year,
            ["party"] = "nyingchi",
            ["anchor"] = (i % 2 == 0 ? today : today.AddDays(-3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["wake_at"] = DateTimeOffset.UtcNow.AddSeconds(5).ToString("O", CultureInfo.InvariantCulture),
        };
    }
}
