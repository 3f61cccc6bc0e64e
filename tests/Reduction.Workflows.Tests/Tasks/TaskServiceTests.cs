using Reduction.Testing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Tasks;

public class TaskServiceTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static string Countersign(string mode, int required) => $$$"""
        {
          "id": "review", "name": "会签", "variables": [{ "name": "year", "default": 2015 }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "IssueTask", "inputs": {
                "taskKind": "department-review", "title": "{{ year }}年度考核复核（{{ assignee_name }}）",
                "assignees": "['epb', 'drc', 'supervision', 'public-security', 'agriculture', 'statistics']",
                "mode": "{{{mode}}}", "required": {{{required}}}, "due": "workdays:+10", "outputVariable": "reviews",
                "escalation": [ { "after": "workdays:+2", "recipientRoles": ["epb"], "action": "reassign", "reassignTo": "epb" } ] } },
            { "id": "after", "type": "SetVariable", "inputs": { "name": "decided", "value": true } }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "review" },
            { "from": "review", "outcome": "submitted", "to": "after" }
          ]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Complete_HundredParallelClicks_ExactlyOneAccepted(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-01T09:00");
        await host.PublishJsonAsync(Countersign("all", 0));
        var started = await host.Runtime.StartAsync("review");
        var task = (await host.TasksAsync(started.InstanceId)).First();

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json($$"""{"click":{{i}}}"""), "user"))));

        Assert.Single(results, r => r == TaskActionResult.Accepted);
        Assert.Equal(99, results.Count(r => r == TaskActionResult.AlreadyCompleted));
        Assert.Single(await host.Tasks.GetSubmissionsAsync(task.Id));
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Complete_DifferentTasksInParallel_AllAcceptedAndInstanceMovesOn(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-01T09:00");
        await host.PublishJsonAsync(Countersign("all", 0));
        var started = await host.Runtime.StartAsync("review");
        var tasks = await host.TasksAsync(started.InstanceId);

        var results = await Task.WhenAll(tasks.Select(t =>
            Task.Run(() => host.Tasks.CompleteAsync(t.Id, VirtualWorkflowHost.Json($$"""{"decision":"agree","by":"{{t.AssigneePartyId}}"}"""), t.AssigneePartyId))));

        Assert.All(results, r => Assert.Equal(TaskActionResult.Accepted, r));
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
        var reviews = InstanceState.Parse(instance.StateJson).Variables["reviews"]!.AsObject();
        Assert.Equal(6, reviews.Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Countersign_FourOfSix_ContinuesAndClosesTheRest(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-01T09:00");
        await host.PublishJsonAsync(Countersign("count", 4));
        var started = await host.Runtime.StartAsync("review");
        var tasks = await host.TasksAsync(started.InstanceId);

        foreach (var task in tasks.Take(3))
        {
            Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("{}"), "u"));
        }

        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(tasks[3].Id, VirtualWorkflowHost.Json("{}"), "u"));

        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);
        var after = await host.TasksAsync(started.InstanceId);
        Assert.Equal(4, after.Count(t => t.Status == TaskState.Submitted));
        Assert.Equal(2, after.Count(t => t.Status == TaskState.Cancelled));
        Assert.All(after, t => Assert.NotNull(t.ClosedAt));
        Assert.Equal(TaskActionResult.Closed, await host.Tasks.CompleteAsync(tasks[5].Id, VirtualWorkflowHost.Json("{}"), "u"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Revise_BeforeClose_KeepsEveryRevision(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-01T09:00");
        await host.PublishJsonAsync(Countersign("all", 0));
        var started = await host.Runtime.StartAsync("review");
        var task = (await host.TasksAsync(started.InstanceId)).First();

        await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("""{"v":1}"""), "u");
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ReviseAsync(task.Id, VirtualWorkflowHost.Json("""{"v":2}"""), "u"));

        var revisions = await host.Tasks.GetSubmissionsAsync(task.Id);
        Assert.Equal([1, 2], revisions.Select(r => r.Revision));
        Assert.Contains("\"v\":2", revisions[1].DataJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Escalation_ReassignAction_HandsUnansweredTaskToEpb(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-01T09:00");
        await host.PublishJsonAsync(Countersign("all", 0));
        var started = await host.Runtime.StartAsync("review");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-04-30T00:00");

        var tasks = await host.TasksAsync(started.InstanceId);
        var statistics = tasks.Single(t => t.ReassignedFromPartyId == "statistics");
        Assert.Equal("epb", statistics.AssigneePartyId);
        Assert.Equal(TaskState.Overdue, statistics.Status);
        Assert.Equal(6, tasks.Count(t => t.ReassignedFromPartyId is not null));

        // The EPB is told of each task it takes over, as of any task issued to it.
        var issuedToEpb = (await host.NoticesAsync()).Where(n => n.TemplateKey == "task-issued" && n.IdempotencyKey == $"{statistics.Id:N}:issued:epb").ToList();
        Assert.Contains("\"epb\"", Assert.Single(issuedToEpb).RecipientPartiesJson, StringComparison.Ordinal);
    }
}
