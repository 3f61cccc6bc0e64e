using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Reduction.Testing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;
using Xunit.Abstractions;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>The timer pump on PostgreSQL and SQLite with several timers of one instance due at once (a clock moved on by
/// hours): each instance's timers fire in due order, ties in creation order, also with two pumps polling at once;
/// different instances still fire side by side.</summary>
public sealed class TimerPumpOrderTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    /// <summary>Five timers per instance, created in branch order: two due at the same instant (b before c).</summary>
    private const string FiveDelays = """
        {
          "id": "five-delays",
          "name": "五个定时器（测试）",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "fork", "type": "Fork", "inputs": { "branches": ["a", "b", "c", "d", "e"] } },
            { "id": "a", "type": "Delay", "inputs": { "duration": "PT3H" } },
            { "id": "b", "type": "Delay", "inputs": { "duration": "PT1H" } },
            { "id": "c", "type": "Delay", "inputs": { "duration": "PT1H" } },
            { "id": "d", "type": "Delay", "inputs": { "duration": "PT2H" } },
            { "id": "e", "type": "Delay", "inputs": { "duration": "PT30M" } },
            { "id": "join", "type": "Join", "inputs": { "mode": "all" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "fork" },
            { "from": "fork", "outcome": "a", "to": "a" },
            { "from": "fork", "outcome": "b", "to": "b" },
            { "from": "fork", "outcome": "c", "to": "c" },
            { "from": "fork", "outcome": "d", "to": "d" },
            { "from": "fork", "outcome": "e", "to": "e" },
            { "from": "a", "outcome": "done", "to": "join" },
            { "from": "b", "outcome": "done", "to": "join" },
            { "from": "c", "outcome": "done", "to": "join" },
            { "from": "d", "outcome": "done", "to": "join" },
            { "from": "e", "outcome": "done", "to": "join" },
            { "from": "join", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>Due order: by due instant, b and c (same instant) in the order they were created.</summary>
    private static readonly string[] DueOrder = ["e", "b", "c", "d", "a"];

    private static readonly DateTimeOffset Start = new(2015, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task FireDueTimersAsync_TwoPumpsAndManyDueTimersPerInstance_EachInstanceInDueOrder(string provider)
    {
        using var sqlite = new SqliteTestDatabase();
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(provider, sqlite, clock);
        await host.PublishAsync(FiveDelays);
        var instances = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            instances.Add((await host.Runtime.StartAsync("five-delays")).InstanceId);
        }

        clock.Advance(TimeSpan.FromHours(4)); // all 30 timers are due at once

        // Small batches cut instances' timers across claims and pumps.
        async Task<int> PollAsync(string claimant)
        {
            var total = 0;
            var deadline = DateTimeOffset.UtcNow + Patience;
            while (await PendingAsync(host) > 0 && DateTimeOffset.UtcNow < deadline)
            {
                var claimed = await host.Runtime.Timers.FireDueTimersAsync(4, 4, claimant);
                total += claimed;
                if (claimed == 0)
                {
                    await Task.Delay(10);
                }
            }

            return total;
        }

        var claims = await Task.WhenAll(PollAsync("pump:a"), PollAsync("pump:b"));

        output.WriteLine($"claimed: a {claims[0]}, b {claims[1]}");
        Assert.Equal(0, await PendingAsync(host));
        foreach (var id in instances)
        {
            Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(id))!.Status);
            var fired = (await host.Runtime.StoredJournalAsync(id)).Where(j => j.Event == "timer-fired").Select(j => j.ActivityId).ToList();
            Assert.Equal(DueOrder, fired);
        }
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task FireDueTimersAsync_EarliestTimerClaimedByAnotherServer_LaterOnesWaitOtherInstancesFire(string provider)
    {
        using var sqlite = new SqliteTestDatabase();
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(provider, sqlite, clock, new Dictionary<string, string?> { ["Workflows:LostTimerGrace"] = "00:00:30" });
        await host.PublishAsync(FiveDelays);
        var held = (await host.Runtime.StartAsync("five-delays")).InstanceId;
        var free = (await host.Runtime.StartAsync("five-delays")).InstanceId;
        clock.Advance(TimeSpan.FromHours(4));

        // Another server has claimed the held instance's earliest timer and not fired it yet.
        var earliest = (await TimersAsync(host, held)).OrderBy(t => t.DueAt).First();
        await using (var db = host.Database.CreateContext())
        {
            await db.Timers.Where(t => t.Id == earliest.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArmedAt, clock.GetUtcNow().ToUniversalTime()).SetProperty(t => t.JobId, "pump:other:1"));
        }

        var later = (await TimersAsync(host, held)).OrderBy(t => t.DueAt).Last();
        Assert.Equal(TimerFireOutcome.Waiting, await host.Runtime.FireTimerAsync(later.Id)); // whoever calls
        while (await host.Runtime.Timers.FireDueTimersAsync(10, 4, "pump:me") > 0)
        {
        }

        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(free))!.Status);
        Assert.All(await TimersAsync(host, held), t => Assert.Equal(TimerStatus.Pending, t.Status));
        Assert.DoesNotContain(await host.Runtime.StoredJournalAsync(held), j => j.Event == "timer-fired");

        // The other server's claim is abandoned once the grace passes: everything fires, in order.
        clock.Advance(TimeSpan.FromMinutes(1));
        while (await host.Runtime.Timers.FireDueTimersAsync(10, 4, "pump:me") > 0)
        {
        }

        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(held))!.Status);
        Assert.Equal(DueOrder, (await host.Runtime.StoredJournalAsync(held)).Where(j => j.Event == "timer-fired").Select(j => j.ActivityId));
        Assert.All(await TimersAsync(host, held), t => Assert.Equal("pump:me", t.JobId));
    }

    [Fact]
    public async Task FireDueTimersAsync_OneInstanceLockedElsewhere_OtherInstancesStillFire()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(Start);
        await using var host = await WorkflowTestHost.StartPostgresAsync(connectionString, server: false, services: s => s.AddSingleton<TimeProvider>(clock));
        await host.PublishAsync(FiveDelays);
        var locked = (await host.Runtime.StartAsync("five-delays")).InstanceId;
        var others = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            others.Add((await host.Runtime.StartAsync("five-delays")).InstanceId);
        }

        clock.Advance(TimeSpan.FromHours(4));

        // A long burst elsewhere holds the first instance's lock: its queue waits, the others' do not.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("SELECT 1 FROM workflows.workflow_instances WHERE \"Id\" = @id FOR UPDATE", connection, transaction))
        {
            command.Parameters.AddWithValue("id", locked);
            await command.ExecuteScalarAsync();
        }

        var pump = host.Runtime.Timers.FireDueTimersAsync(100, 2, "pump:test");
        await WorkflowTestHost.EventuallyAsync(
            async () =>
            {
                foreach (var id in others)
                {
                    if ((await host.Runtime.StoredInstanceAsync(id))!.Status != InstanceStatus.Completed)
                    {
                        return null;
                    }
                }

                return "done";
            },
            Patience,
            "the other instances completed while one instance was locked");
        Assert.False(pump.IsCompleted);
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(locked))!.Status);

        await transaction.RollbackAsync();
        Assert.Equal(25, await pump);
        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(locked))!.Status);
        Assert.Equal(DueOrder, (await host.Runtime.StoredJournalAsync(locked)).Where(j => j.Event == "timer-fired").Select(j => j.ActivityId));
    }

    private async Task<WorkflowTestHost> StartAsync(string provider, SqliteTestDatabase sqlite, FakeTimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (provider == "postgres")
        {
            all["Storage:PostgresConnectionString"] = await postgres.CreateDatabaseAsync();
        }
        else
        {
            all["Storage:SqliteConnectionString"] = sqlite.ConnectionString;
        }

        return await WorkflowTestHost.StartAsync(all, server: false, services: s => s.AddSingleton<TimeProvider>(clock));
    }

    private static async Task<int> PendingAsync(WorkflowTestHost host)
    {
        await using var db = host.Database.CreateContext();
        return await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending);
    }

    private static async Task<List<TimerRecord>> TimersAsync(WorkflowTestHost host, Guid instanceId)
    {
        await using var db = host.Database.CreateContext();
        return await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
    }
}
