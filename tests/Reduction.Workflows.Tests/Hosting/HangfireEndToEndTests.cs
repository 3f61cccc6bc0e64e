using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tests.Support;
using Xunit.Abstractions;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>The runtime on PostgreSQL with a real in-process server: timers fired by the pump, effects run as Hangfire jobs.</summary>
public class HangfireEndToEndTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string DelayWorkflow = """
        {
          "id": "delay-test",
          "name": "延时（测试）",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "Delay", "inputs": { "duration": "PT2S" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "wait" },
            { "from": "wait", "outcome": "done", "to": "end" }
          ]
        }
        """;

    private const string ChildWorkflow = """
        {
          "id": "child-test",
          "name": "子流程（测试）",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "end", "type": "End" }
          ],
          "connections": [{ "from": "start", "outcome": "done", "to": "end" }]
        }
        """;

    private const string ParentWorkflow = """
        {
          "id": "parent-test",
          "name": "父流程（测试）",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "child", "type": "RunWorkflow", "inputs": { "workflow": "child-test" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "child" },
            { "from": "child", "outcome": "done", "to": "end" }
          ]
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Delay_ThroughTimerPump_FiresNoEarlierThanDue()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync());
        await host.PublishAsync(DelayWorkflow);

        var started = await host.Runtime.StartAsync("delay-test");

        await CompletedAsync(host, started.InstanceId);
        var timer = await FiredTimerAsync(host, started.InstanceId);
        Assert.StartsWith("pump:", timer.JobId, StringComparison.Ordinal);
        output.WriteLine($"fired {(timer.FiredAt!.Value - timer.DueAt).TotalMilliseconds} ms after due by {timer.JobId}");
        // Never early; how late is a benchmark figure (docs/benchmarks.md), so only liveness is bounded here.
        Assert.InRange(timer.FiredAt!.Value - timer.DueAt, TimeSpan.Zero, Patience);
    }

    [Fact]
    public async Task TimerPump_ClaimOfADeadServer_TakenOverOnceTheGracePasses()
    {
        var grace = TimeSpan.FromSeconds(3);
        await using var host = await WorkflowTestHost.StartPostgresAsync(
            await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Workflows:LostTimerGrace"] = grace.ToString() });
        await host.PublishAsync(DelayWorkflow);
        var started = await host.Runtime.StartAsync("delay-test");

        // A server claims the timer and dies before firing it.
        var claimedAt = DateTimeOffset.UtcNow;
        await using (var db = host.Database.CreateContext())
        {
            Assert.Equal(1, await db.Timers.Where(t => t.InstanceId == started.InstanceId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArmedAt, claimedAt).SetProperty(t => t.JobId, "pump:dead-server:1")));
        }

        await CompletedAsync(host, started.InstanceId);
        var timer = await FiredTimerAsync(host, started.InstanceId);
        Assert.StartsWith("pump:", timer.JobId, StringComparison.Ordinal);
        Assert.NotEqual("pump:dead-server:1", timer.JobId);
        Assert.True(timer.FiredAt >= claimedAt + grace, $"fired at {timer.FiredAt:O}, claim of {claimedAt:O} not yet abandoned");
    }

    [Fact]
    public async Task FireDueTimersAsync_TwoServersPollingAtOnce_EachTimerFiresOnce()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync(), server: false);
        await host.PublishAsync(DelayWorkflow);
        var instances = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            instances.Add((await host.Runtime.StartAsync("delay-test")).InstanceId);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.2)); // every Delay PT2S is due now

        // Two "servers" poll in small batches at the same moment until nothing is left.
        async Task<int> PollAsync(string claimant)
        {
            var total = 0;
            for (int claimed; (claimed = await host.Runtime.Timers.FireDueTimersAsync(7, 4, claimant)) > 0;)
            {
                total += claimed;
            }

            return total;
        }

        var claims = await Task.WhenAll(PollAsync("pump:a"), PollAsync("pump:b"));

        output.WriteLine($"claimed: a {claims[0]}, b {claims[1]}");
        Assert.Equal(instances.Count, claims.Sum()); // SKIP LOCKED: no timer claimed by both
        Assert.True(claims[0] > 0 && claims[1] > 0, "both pollers claimed timers");
        foreach (var id in instances)
        {
            Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(id))!.Status);
            await FiredTimerAsync(host, id);
        }
    }

    [Fact]
    public async Task TimerJob_RunAgainAfterFiring_ChangesNothing()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync());
        await host.PublishAsync(DelayWorkflow);
        var started = await host.Runtime.StartAsync("delay-test");
        await CompletedAsync(host, started.InstanceId);
        var timer = Assert.Single(await TimersAsync(host, started.InstanceId));
        var before = await SnapshotAsync(host, started.InstanceId);

        await host.WaitForSucceededAsync(host.Jobs.Enqueue<TimerJob>(j => j.ExecuteAsync(timer.Id, CancellationToken.None)));
        await host.Services.GetRequiredService<TimerJob>().ExecuteAsync(timer.Id, CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(host, started.InstanceId));
    }

    [Fact]
    public async Task RunWorkflow_ThroughHangfire_ChildStartsAndParentResumesOnce()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync());
        await host.PublishAsync(ChildWorkflow);
        await host.PublishAsync(ParentWorkflow);

        var parent = await host.Runtime.StartAsync("parent-test");

        await CompletedAsync(host, parent.InstanceId);
        var child = Assert.Single(await host.Runtime.StoredInstancesAsync("child-test"));
        Assert.Equal(InstanceStatus.Completed, child.Status);
        Assert.Equal(parent.InstanceId, child.ParentInstanceId);
        // The parent's resume commits before its effect row is marked done (a separate step; a crash in between only
        // runs the idempotent resume again): wait for the marks.
        var effects = await WorkflowTestHost.EventuallyAsync(
            async () => await EffectsAsync(host) is { Count: > 0 } all && all.All(e => e.Status == EffectStatus.Done) ? all : null,
            Patience,
            "every effect marked done");
        Assert.Equal(2, effects.Count);

        // Run every effect again, through Hangfire and directly: still one child, nothing changed.
        var before = (await SnapshotAsync(host, parent.InstanceId), await SnapshotAsync(host, child.Id));
        foreach (var effect in effects)
        {
            await host.WaitForSucceededAsync(host.Jobs.Enqueue<EffectJob>(j => j.ExecuteAsync(effect.Id, CancellationToken.None)));
            await host.Services.GetRequiredService<EffectJob>().ExecuteAsync(effect.Id, CancellationToken.None);
        }

        Assert.Single(await host.Runtime.StoredInstancesAsync("child-test"));
        Assert.Equal(before, (await SnapshotAsync(host, parent.InstanceId), await SnapshotAsync(host, child.Id)));
    }

    [Fact]
    public async Task FireDueTimersAsync_SuspendedInstance_TimerLeftUntilResumed()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync(), server: false);
        await host.PublishAsync(DelayWorkflow);
        var started = await host.Runtime.StartAsync("delay-test");
        Assert.True(await host.Runtime.SuspendAsync(started.InstanceId));
        await Task.Delay(TimeSpan.FromSeconds(2.2)); // the Delay PT2S is due

        Assert.Equal(0, await host.Runtime.Timers.FireDueTimersAsync(10, 1, "pump:test"));
        var revision = (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Revision;
        Assert.Equal(TimerStatus.Pending, Assert.Single(await TimersAsync(host, started.InstanceId)).Status);

        Assert.True(await host.Runtime.ResumeInstanceAsync(started.InstanceId));
        Assert.Equal(1, await host.Runtime.Timers.FireDueTimersAsync(10, 1, "pump:test"));
        var completed = await CompletedAsync(host, started.InstanceId);
        Assert.True(completed.Revision > revision);
        await FiredTimerAsync(host, started.InstanceId);
    }

    [Fact]
    public async Task LateTimersAsync_NoPumpRunning_CountsTheLateTimerButNotASuspendedOne()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(
            await postgres.CreateDatabaseAsync(),
            server: false,
            settings: new Dictionary<string, string?> { ["Workflows:LostTimerGrace"] = "00:00:01" }); // late = due over 2 s ago
        await host.PublishAsync(DelayWorkflow);
        var late = await host.Runtime.StartAsync("delay-test");
        var suspended = await host.Runtime.StartAsync("delay-test");
        Assert.Equal((0, null), await host.Runtime.Timers.LateTimersAsync());
        Assert.True(await host.Runtime.SuspendAsync(suspended.InstanceId));

        await Task.Delay(TimeSpan.FromSeconds(4.5)); // due after 2 s, late 2 s after that

        var timer = Assert.Single(await TimersAsync(host, late.InstanceId));
        Assert.Equal((1, timer.DueAt), await host.Runtime.Timers.LateTimersAsync());
        await host.Runtime.Timers.FireDueTimersAsync(10, 1, "pump:test");
        await CompletedAsync(host, late.InstanceId);
        Assert.Equal((0, null), await host.Runtime.Timers.LateTimersAsync());
    }

    [Fact]
    public async Task AddReductionWorkflows_WithoutServer_TimerWaitsForAServer()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync(), server: false);
        await host.PublishAsync(DelayWorkflow);

        var started = await host.Runtime.StartAsync("delay-test");

        var timer = Assert.Single(await TimersAsync(host, started.InstanceId));
        Assert.Null(timer.JobId);
        Assert.Equal(0, host.JobStorage.GetMonitoringApi().ScheduledCount()); // no delayed Hangfire job stands for it
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);

        // A server's pump (here one poll by hand) finds the due row: the row alone was the arrangement.
        Assert.Equal(1, await host.Runtime.Timers.FireDueTimersAsync(10, 1, "pump:test"));
        await CompletedAsync(host, started.InstanceId);
    }

    [Fact]
    public async Task AddReductionWorkflows_Postgres_KeepsHangfireInItsOwnSchemaOfTheSameDatabase()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var host = await WorkflowTestHost.StartPostgresAsync(connectionString, server: false);

        Assert.IsType<PostgreSqlStorage>(host.JobStorage);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private static Task<InstanceRecord> CompletedAsync(WorkflowTestHost host, Guid instanceId) =>
        WorkflowTestHost.EventuallyAsync(
            async () => await host.Runtime.StoredInstanceAsync(instanceId) is { Status: InstanceStatus.Completed } instance ? instance : null,
            Patience,
            $"completion of {instanceId}");

    /// <summary>The instance's one timer, checked to have fired once (journal) at its recorded instant.</summary>
    private static async Task<TimerRecord> FiredTimerAsync(WorkflowTestHost host, Guid instanceId)
    {
        var timer = Assert.Single(await TimersAsync(host, instanceId));
        Assert.NotNull(timer.FiredAt);
        Assert.Equal(TimerStatus.Fired, timer.Status);
        Assert.Single(await host.Runtime.StoredJournalAsync(instanceId), j => j.Event == "timer-fired");
        return timer;
    }

    private static async Task<List<TimerRecord>> TimersAsync(WorkflowTestHost host, Guid instanceId)
    {
        await using var db = host.Database.CreateContext();
        return await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
    }

    private static async Task<List<EffectRecord>> EffectsAsync(WorkflowTestHost host)
    {
        await using var db = host.Database.CreateContext();
        return await db.Effects.AsNoTracking().ToListAsync();
    }

    /// <summary>What a no-op must leave alone: the instance row (revision, state, status) and its journal.</summary>
    private static async Task<string> SnapshotAsync(WorkflowTestHost host, Guid instanceId)
    {
        var instance = await host.Runtime.StoredInstanceAsync(instanceId);
        var journal = await host.Runtime.StoredJournalAsync(instanceId);
        return $"{instance!.Status} r{instance.Revision} {instance.StateJson} | {string.Join(", ", journal.Select(j => j.Event))}";
    }
}
