using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;
using Xunit.Abstractions;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>The runtime on PostgreSQL with a real in-process Hangfire server: timers and effects run as jobs.</summary>
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
    public async Task Delay_ThroughHangfire_FiresNoEarlierThanDue()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync());
        await host.PublishAsync(DelayWorkflow);

        var started = await host.Runtime.StartAsync("delay-test");

        await CompletedAsync(host, started.InstanceId);
        var timer = await FiredTimerAsync(host, started.InstanceId);
        Assert.NotNull(timer.JobId);
        output.WriteLine($"fired {(timer.FiredAt!.Value - timer.DueAt).TotalMilliseconds} ms after due");
        // Never early; how late is a benchmark figure (docs/benchmarks.md), so only liveness is bounded here.
        Assert.InRange(timer.FiredAt!.Value - timer.DueAt, TimeSpan.Zero, Patience);
    }

    [Fact]
    public async Task SweepAsync_TimerWithoutJob_ArmsItAndItFires()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync());
        await host.PublishAsync(DelayWorkflow);
        var started = await host.Runtime.StartAsync("delay-test");
        var lost = await LoseTimerJobAsync(host, started.InstanceId);

        var swept = await host.Runtime.SweepAsync();

        Assert.True(swept >= 1);
        await CompletedAsync(host, started.InstanceId);
        var timer = await FiredTimerAsync(host, started.InstanceId);
        Assert.NotNull(timer.JobId);
        Assert.NotEqual(lost, timer.JobId);
        Assert.True(timer.FiredAt >= timer.DueAt);
    }

    [Fact]
    public async Task Sweeper_TimerWithoutJob_ArmedWithoutBeingAsked()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(
            await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Hangfire:SweepInterval"] = "00:00:00.250" });
        await host.PublishAsync(DelayWorkflow);
        var started = await host.Runtime.StartAsync("delay-test");

        await LoseTimerJobAsync(host, started.InstanceId);

        await CompletedAsync(host, started.InstanceId);
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
        var child = Assert.Single(await host.Runtime.ListInstancesAsync("child-test"));
        Assert.Equal(InstanceStatus.Completed, child.Status);
        Assert.Equal(parent.InstanceId, child.ParentInstanceId);
        var effects = await EffectsAsync(host);
        Assert.NotEmpty(effects);
        Assert.All(effects, e => Assert.Equal(EffectStatus.Done, e.Status));

        // Run every effect again, through Hangfire and directly: still one child, nothing changed.
        var before = (await SnapshotAsync(host, parent.InstanceId), await SnapshotAsync(host, child.Id));
        foreach (var effect in effects)
        {
            await host.WaitForSucceededAsync(host.Jobs.Enqueue<EffectJob>(j => j.ExecuteAsync(effect.Id, CancellationToken.None)));
            await host.Services.GetRequiredService<EffectJob>().ExecuteAsync(effect.Id, CancellationToken.None);
        }

        Assert.Single(await host.Runtime.ListInstancesAsync("child-test"));
        Assert.Equal(before, (await SnapshotAsync(host, parent.InstanceId), await SnapshotAsync(host, child.Id)));
    }

    [Fact]
    public async Task AddReductionWorkflows_WithoutServer_SchedulesJobsButRunsNone()
    {
        await using var host = await WorkflowTestHost.StartPostgresAsync(await postgres.CreateDatabaseAsync(), server: false);
        await host.PublishAsync(DelayWorkflow);

        var started = await host.Runtime.StartAsync("delay-test");

        var timer = Assert.Single(await TimersAsync(host, started.InstanceId));
        Assert.NotNull(timer.JobId);
        using var connection = host.JobStorage.GetConnection();
        Assert.Equal("Scheduled", connection.GetJobData(timer.JobId)?.State);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.GetInstanceAsync(started.InstanceId))!.Status);
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

    /// <summary>Deletes the timer's Hangfire job and forgets its id, as if the job had been lost; returns the old id.</summary>
    private static async Task<string?> LoseTimerJobAsync(WorkflowTestHost host, Guid instanceId)
    {
        var timer = Assert.Single(await TimersAsync(host, instanceId));
        Assert.NotNull(timer.JobId);
        Assert.True(host.Jobs.Delete(timer.JobId));
        await using var db = host.Database.CreateContext();
        var createdLongAgo = DateTimeOffset.UtcNow.AddMinutes(-5);
        await db.Timers.Where(t => t.Id == timer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.JobId, (string?)null).SetProperty(t => t.CreatedAt, createdLongAgo));
        return timer.JobId;
    }

    private static Task<InstanceRecord> CompletedAsync(WorkflowTestHost host, Guid instanceId) =>
        WorkflowTestHost.EventuallyAsync(
            async () => await host.Runtime.GetInstanceAsync(instanceId) is { Status: InstanceStatus.Completed } instance ? instance : null,
            Patience,
            $"completion of {instanceId}");

    /// <summary>The instance's one timer, checked to have fired once (journal) at its recorded instant.</summary>
    private static async Task<TimerRecord> FiredTimerAsync(WorkflowTestHost host, Guid instanceId)
    {
        var timer = Assert.Single(await TimersAsync(host, instanceId));
        Assert.NotNull(timer.FiredAt);
        Assert.Equal(TimerStatus.Fired, timer.Status);
        Assert.Single(await host.Runtime.GetJournalAsync(instanceId), j => j.Event == "timer-fired");
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
        var instance = await host.Runtime.GetInstanceAsync(instanceId);
        var journal = await host.Runtime.GetJournalAsync(instanceId);
        return $"{instance!.Status} r{instance.Revision} {instance.StateJson} | {string.Join(", ", journal.Select(j => j.Event))}";
    }
}
