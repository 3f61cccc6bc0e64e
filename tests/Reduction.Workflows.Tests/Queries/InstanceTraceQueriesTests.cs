using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Queries;

/// <summary>Traces and waiting counts from the journal, bookmarks and timers, on both providers (the waiting counts
/// are one join in SQL).</summary>
public class InstanceTraceQueriesTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Flow = """
        {
          "id": "trace-flow",
          "name": "轨迹测试",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "pause", "type": "Delay", "inputs": { "duration": "PT1H" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "pause" },
            { "from": "pause", "outcome": "done", "to": "end" }
          ]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TraceAsync_CompletedAndWaitingInstances_PathTimersVisits_WaitingCountsOnlyRunning(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);
        var traces = new InstanceTraceQueries(host.Database, host.Runtime.Definitions);
        var done = await host.Runtime.StartAsync("trace-flow", null);
        await host.RunUntilAsync("2016-02-01T11:00");
        var waiting = await host.Runtime.StartAsync("trace-flow", null);
        var cancelled = await host.Runtime.StartAsync("trace-flow", null);
        await host.Runtime.CancelAsync(cancelled.InstanceId, "测试");

        var finished = (await traces.TraceAsync(PartyScope.Everything, done.InstanceId))!;
        var open = (await traces.TraceAsync(PartyScope.Everything, waiting.InstanceId))!;
        var counts = await traces.WaitingAsync("trace-flow");

        Assert.Equal(InstanceStatus.Completed, finished.Status);
        Assert.Equal([new Connection("start", "done", "pause"), new Connection("pause", "done", "end")], finished.ConnectionsTaken);
        Assert.All(finished.Activities.Values, a => Assert.Equal((1, false), (a.Visits, a.Waiting)));
        var fired = Assert.Single(finished.Activities["pause"].Timers);
        Assert.Equal(TimerStatus.Fired, fired.Status);
        Assert.Contains(finished.Activities["pause"].Journal, j => j.Kind == "activity-completed");
        Assert.Null(finished.Incident);

        Assert.Equal([new Connection("start", "done", "pause")], open.ConnectionsTaken);
        Assert.True(open.Activities["pause"].Waiting);
        Assert.Equal((0, false), (open.Activities["end"].Visits, open.Activities["end"].Waiting));
        Assert.Equal(TimerStatus.Pending, Assert.Single(open.Activities["pause"].Timers).Status);
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-02-01T12:00"), open.Activities["pause"].Timers[0].Due);

        Assert.Equal(new Dictionary<string, int> { ["pause"] = 1 }, counts);
        Assert.Empty(await traces.WaitingAsync("trace-flow", version: 2));
        Assert.Null(await traces.TraceAsync(PartyScope.Nothing, waiting.InstanceId));
        Assert.Null(await traces.TraceAsync(PartyScope.Everything, Guid.NewGuid()));
    }
}
