using Hangfire.Storage.SQLite;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>With no PostgreSQL configured, both the runtime and Hangfire live in SQLite files in one data folder.</summary>
public class SqliteHostingTests
{
    [Fact]
    public async Task AddReductionWorkflows_NoConnectionString_KeepsHangfireBesideAppDatabase()
    {
        using var file = new SqliteTestDatabase();

        await using var host = await WorkflowTestHost.StartAsync(new Dictionary<string, string?> { ["Storage:SqliteConnectionString"] = file.ConnectionString }, server: false);

        Assert.IsType<SQLiteStorage>(host.JobStorage);
        Assert.True(File.Exists(Path.Combine(file.DirectoryPath, "hangfire.db")));
    }

    [Fact]
    public async Task Delay_ThroughTimerPumpOnSqlite_FiresAfterDue()
    {
        using var file = new SqliteTestDatabase();
        await using var host = await WorkflowTestHost.StartAsync(new Dictionary<string, string?> { ["Storage:SqliteConnectionString"] = file.ConnectionString });
        await host.PublishAsync("""
            {
              "id": "delay-test",
              "name": "延时（测试）",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait", "type": "Delay", "inputs": { "duration": "PT1S" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "wait" },
                { "from": "wait", "outcome": "done", "to": "end" }
              ]
            }
            """);

        var started = await host.Runtime.StartAsync("delay-test");

        var instance = await WorkflowTestHost.EventuallyAsync(
            async () => await host.Runtime.StoredInstanceAsync(started.InstanceId) is { Status: InstanceStatus.Completed } done ? done : null,
            TimeSpan.FromSeconds(20),
            "completion");
        Assert.Contains(await host.Runtime.StoredJournalAsync(started.InstanceId), j => j.Event == "timer-fired");
        Assert.True(instance.UpdatedAt >= instance.CreatedAt.AddSeconds(1));
    }
}
