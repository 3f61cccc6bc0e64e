using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>The server process is killed (SIGKILL) at random moments while hundreds of instances run through timers,
/// a child workflow, a task answered over the API, an escalation and notices; each time it is started again.
/// Afterwards nothing may be lost, done twice or done early.</summary>
public sealed class CrashTests(PostgresServer postgres, ITestOutputHelper output)
    : ServerDrill(postgres, output), IClassFixture<PostgresServer>
{
    private const int Instances = 200;
    private const int Kills = 12;
    private static readonly string[] Prefectures = ["lhasa", "shigatse", "chamdo", "nyingchi", "shannan", "nagqu", "ngari"];

    protected override string[] Definitions => [Drills.Crash, Drills.CrashChild];

    [Fact]
    public async Task Server_KilledAtRandomMomentsUnderLoad_EveryInstanceCompletesEverythingDoneOnceNothingEarly()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        Output.WriteLine($"seed {seed}");
        var server = NewServer("crash");
        await server.StartAsync();
        using var admin = new AdminClient(server.BaseAddress);
        var answerer = new TaskAnswerer(admin, Database, "crash-drill");
        using var stop = new CancellationTokenSource();
        var answering = answerer.RunAsync(stop.Token);
        var started = DateTimeOffset.UtcNow;

        var creating = Task.Run(async () =>
        {
            for (var i = 0; i < Instances; i++)
            {
                await admin.StartReliablyAsync("crash-drill", Variables(i), $"crash-{i}", TimeSpan.FromMinutes(3));
                if (i % 10 == 9)
                {
                    await Task.Delay(700);
                }
            }
        });

        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                await Task.Delay(random.Next(1000, 4000));
                server.Kill();
                Output.WriteLine($"{(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s: killed ({await CountAsync(InstanceStatus.Completed)} completed so far)");
                await Task.Delay(random.Next(0, 1000));
                await server.StartAsync();
            }

            await creating;
            await Eventually.TrueAsync(
                async () => await CountAsync(InstanceStatus.Completed) == 2 * Instances,
                TimeSpan.FromMinutes(3),
                "every parent and child completed",
                TimeSpan.FromSeconds(1));
        }
        catch (Exception)
        {
            Output.WriteLine(await Database.DescribeAsync());
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await answering;
        }

        Output.WriteLine($"{(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s: all completed; answers {answerer}");
        var report = await DrillChecks.VerifyAsync(Database, "crash-drill", "crash-drill-child");
        Output.WriteLine(report.ToString());
        Assert.Equal(2 * Instances, report.Instances);
        Assert.Equal(Instances, report.Tasks);
        Assert.True(server.Kills >= 10);
        Assert.Equal(0, answerer.Answers.GetValueOrDefault(HttpStatusCode.Gone));
        Assert.Equal(0, answerer.Answers.Where(a => (int)a.Key >= 500 && a.Key != HttpStatusCode.ServiceUnavailable).Sum(a => a.Value));
        await using var db = Database.Context();
        Assert.True(await db.Notices.CountAsync(n => n.TemplateKey == "overdue") > 0, "no escalation fired");
    }

    /// <summary>Half the tasks are due on a past day (late at once: overdue, escalated), half today.</summary>
    private static JsonObject Variables(int i)
    {
        var today = BeijingTime.DateOf(DateTimeOffset.UtcNow);
        return new JsonObject
        {
            ["year"] = today.Year,
            ["party"] = Prefectures[i % Prefectures.Length],
            ["anchor"] = (i % 2 == 0 ? today : today.AddDays(-3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["wake_at"] = DateTimeOffset.UtcNow.AddSeconds(4 + (i % 5)).ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private async Task<int> CountAsync(InstanceStatus status)
    {
        await using var db = Database.Context();
        return await db.Instances.CountAsync(i => i.Status == status);
    }
}
