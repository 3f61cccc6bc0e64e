using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Testing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Execution;

public class RuntimeFlowTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string ChildWorkflow = """
        {
          "id": "child-notice", "name": "子流程",
          "variables": [{ "name": "item" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "notify", "type": "SendNotice", "inputs": { "template": "task-issued", "recipientParties": ["{{ item.id }}"], "model": { "name": "{{ item.name }}" } } },
            { "id": "mark", "type": "SetVariable", "inputs": { "name": "done_for", "expression": "item.id" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "notify" },
            { "from": "notify", "outcome": "done", "to": "mark" },
            { "from": "mark", "outcome": "done", "to": "end" }
          ]
        }
        """;

    private const string EveryActivity = """
        {
          "id": "every-activity", "name": "全部活动",
          "variables": [{ "name": "year", "default": 2015 }, { "name": "kind", "default": "b" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "setYear", "type": "SetVariable", "inputs": { "name": "next_year", "expression": "year + 1" } },
            { "id": "fork", "type": "Fork", "inputs": { "branches": ["left", "right"] } },
            { "id": "check", "type": "If", "inputs": { "condition": "next_year == 2016" } },
            { "id": "signal", "type": "WaitForSignal", "inputs": { "signal": "go", "outputVariable": "signal_data" } },
            { "id": "delay", "type": "Delay", "inputs": { "duration": "PT1H" } },
            { "id": "join", "type": "Join", "inputs": { "mode": "all" } },
            { "id": "switch", "type": "Switch", "inputs": { "cases": [ { "name": "a", "condition": "kind == 'a'" }, { "name": "b", "condition": "kind == 'b'" } ] } },
            { "id": "fanout", "type": "ForEach", "inputs": { "items": "prefectures_on '2015-02-16'", "workflow": "child-notice", "outputVariable": "children" } },
            { "id": "one", "type": "RunWorkflow", "inputs": { "workflow": "child-notice", "input": { "item": { "id": "ngari", "name": "阿里地区" } }, "outputVariable": "single" } },
            { "id": "wait", "type": "WaitUntil", "inputs": { "rule": "workdays:+2", "anchor": "today", "at": "10:00" } },
            { "id": "task", "type": "IssueTask", "inputs": { "taskKind": "annual-plan", "title": "计划", "assignees": "['lhasa']", "due": "workdays:+5", "outputVariable": "answers" } },
            { "id": "notice", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb"] } },
            { "id": "unused", "type": "SetVariable", "inputs": { "name": "never", "value": true } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "setYear" },
            { "from": "setYear", "outcome": "done", "to": "fork" },
            { "from": "fork", "outcome": "left", "to": "check" },
            { "from": "check", "outcome": "true", "to": "signal" },
            { "from": "check", "outcome": "false", "to": "join" },
            { "from": "signal", "outcome": "done", "to": "join" },
            { "from": "fork", "outcome": "right", "to": "delay" },
            { "from": "delay", "outcome": "done", "to": "join" },
            { "from": "join", "outcome": "done", "to": "switch" },
            { "from": "switch", "outcome": "a", "to": "unused" },
            { "from": "switch", "outcome": "b", "to": "fanout" },
            { "from": "fanout", "outcome": "done", "to": "one" },
            { "from": "one", "outcome": "done", "to": "wait" },
            { "from": "wait", "outcome": "done", "to": "task" },
            { "from": "task", "outcome": "submitted", "to": "notice" },
            { "from": "notice", "outcome": "done", "to": "end" }
          ]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Flow_ThroughEveryActivity_CompletesWithEachStepJournaled(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(ChildWorkflow);
        await host.PublishJsonAsync(EveryActivity);
        var started = await host.Runtime.StartAsync("every-activity");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-02-16T09:30");
        Assert.Equal(1, await host.Runtime.SignalAsync("go", payload: JsonNode.Parse("""{"by":"epb"}""")));
        Assert.Equal(0, await host.Runtime.SignalAsync("go"));
        await host.RunUntilAsync("2015-02-26T00:00");
        var dump = string.Join("\n", (await host.JournalAsync(started.InstanceId)).Select(j => $"{j.At:O} {j.ActivityId} {j.Event} {j.Message}"));
        Assert.True((await host.TasksAsync(started.InstanceId)).Count == 1, dump);
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));
        // Two working days after Monday 16 Feb 2015 skip the Spring Festival (18-24 Feb): Wednesday 25th.
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-02-25T10:00"), (await host.JournalAsync(started.InstanceId)).Single(j => j.Event == "task-issued").At);
        // Five working days from the 25th count the adjusted working Saturday 28 Feb: due Tuesday 3 March.
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-03-03T23:59:59"), task.DueAt);
        Assert.Equal(Reduction.Workflows.Tasks.TaskActionResult.Accepted, await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("""{"ok":true}"""), "tester"));
        await host.Scheduler.RunPendingAsync();

        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
        var state = InstanceState.Parse(instance.StateJson);
        Assert.Equal(2016, state.Variables["next_year"]!.GetValue<int>());
        Assert.Equal("epb", state.Variables["signal_data"]!["by"]!.GetValue<string>());
        Assert.Equal(7, state.Variables["children"]!.AsArray().Count);
        Assert.Equal("ngari", state.Variables["single"]!["done_for"]!.GetValue<string>());
        Assert.True(state.Variables["answers"]!["lhasa"]!["ok"]!.GetValue<bool>());
        Assert.Null(state.Variables["never"]);
        var completed = (await host.JournalAsync(started.InstanceId)).Where(j => j.Event == "activity-completed").Select(j => j.ActivityId).ToHashSet();
        Assert.Superset(new HashSet<string?> { "start", "setYear", "fork", "check", "signal", "delay", "join", "switch", "fanout", "one", "wait", "task", "notice" }, completed);
        var children = await host.Runtime.StoredInstancesAsync("child-notice");
        Assert.Equal(8, children.Count);
        Assert.All(children, c => Assert.Equal(InstanceStatus.Completed, c.Status));
        var notices = await host.NoticesAsync();
        Assert.Equal(8, notices.Count(n => n.TemplateKey == "task-issued" && n.TaskId is null));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Publish_NewVersionWhileWaiting_RunningInstanceStaysOnItsVersion(string provider)
    {
        const string v1 = """
            { "id": "pinned", "name": "版本", "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "continue" } },
                { "id": "mark", "type": "SetVariable", "inputs": { "name": "version_seen", "value": 1 } } ],
              "connections": [ { "from": "start", "outcome": "done", "to": "wait" }, { "from": "wait", "outcome": "done", "to": "mark" } ] }
            """;
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        Assert.Equal(1, await host.PublishJsonAsync(v1));
        var old = await host.Runtime.StartAsync("pinned");
        Assert.Equal(1, await host.PublishJsonAsync(v1));
        Assert.Equal(2, await host.PublishJsonAsync(v1.Replace("\"value\": 1", "\"value\": 2", StringComparison.Ordinal)));
        var fresh = await host.Runtime.StartAsync("pinned");

        await host.Runtime.SignalAsync("continue");

        Assert.Equal(1, InstanceState.Parse((await host.Runtime.StoredInstanceAsync(old.InstanceId))!.StateJson).Variables["version_seen"]!.GetValue<int>());
        Assert.Equal(2, InstanceState.Parse((await host.Runtime.StoredInstanceAsync(fresh.InstanceId))!.StateJson).Variables["version_seen"]!.GetValue<int>());
        Assert.Equal([2, 1], (await host.Runtime.Definitions.ListVersionsAsync("pinned")).Select(v => v.Version));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Incident_MissingCalendarYear_RetriedThenFaultedThenRecoveredAfterFix(string provider)
    {
        const string definition = """
            { "id": "needs-2027", "name": "2027年期限", "variables": [{ "name": "year", "default": 2027 }], "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait", "type": "WaitUntil", "inputs": { "rule": "workdays:+3", "anchor": "'2027-01-04'" } } ],
              "connections": [ { "from": "start", "outcome": "done", "to": "wait" } ] }
            """;
        var options = new WorkflowRuntimeOptions { Retry = new RetryPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromMinutes(1) } };
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2026-12-01T09:00", options: options);
        await host.PublishJsonAsync(definition);
        var started = await host.Runtime.StartAsync("needs-2027");
        await host.RunUntilAsync("2026-12-02T09:00");

        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Faulted, instance!.Status);
        Assert.Contains("2027", instance.Incident, StringComparison.Ordinal);
        var journal = await host.JournalAsync(started.InstanceId);
        Assert.Equal(2, journal.Count(j => j.Event == "incident"));
        Assert.Single(journal, j => j.Event == "faulted");
        var incidentTimes = journal.Where(j => j.Event is "incident" or "faulted").Select(j => j.At).ToList();
        Assert.Equal(VirtualWorkflowHost.Beijing("2026-12-01T09:00"), incidentTimes[0]);
        Assert.Equal(VirtualWorkflowHost.Beijing("2026-12-01T09:01"), incidentTimes[1]);
        Assert.Equal(VirtualWorkflowHost.Beijing("2026-12-01T09:05"), incidentTimes[2]);

        host.Calendar.AddNationalYear(new YearArrangement(2027, new Dictionary<DateOnly, string> { [new DateOnly(2027, 1, 1)] = "元旦" }, new Dictionary<DateOnly, string>()));
        Assert.True(await host.Runtime.RetryAsync(started.InstanceId));
        await host.RunUntilAsync("2027-01-10T00:00");

        instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
        var fired = (await host.JournalAsync(started.InstanceId)).Last(j => j.Event == "timer-fired");
        Assert.Equal(VirtualWorkflowHost.Beijing("2027-01-07T09:00"), fired.At);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Timer_FiredEarly_IsRescheduledAndActsOnlyAtItsInstant(string provider)
    {
        const string definition = """
            { "id": "delay-only", "name": "延时", "activities": [
                { "id": "start", "type": "Start" }, { "id": "delay", "type": "Delay", "inputs": { "duration": "PT10M" } } ],
              "connections": [ { "from": "start", "outcome": "done", "to": "delay" } ] }
            """;
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(definition);
        var started = await host.Runtime.StartAsync("delay-only");
        var timer = Assert.Single(await host.TimersAsync(started.InstanceId));

        host.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimerFireOutcome.NotYetDue, await host.Runtime.FireTimerAsync(timer.Id));
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);

        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimerFireOutcome.Fired, await host.Runtime.FireTimerAsync(timer.Id));
        Assert.Equal(TimerFireOutcome.AlreadyDone, await host.Runtime.FireTimerAsync(timer.Id));
        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Resume_ConsumedBookmark_AnswersAlreadyDone(string provider)
    {
        const string definition = """
            { "id": "signal-once", "name": "信号", "activities": [
                { "id": "start", "type": "Start" }, { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "s" } } ],
              "connections": [ { "from": "start", "outcome": "done", "to": "wait" } ] }
            """;
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(definition);
        var started = await host.Runtime.StartAsync("signal-once");
        await using var db = host.Database.CreateContext();
        var bookmark = db.Bookmarks.Single(b => b.InstanceId == started.InstanceId);

        Assert.Equal(ResumeOutcome.Resumed, await host.Runtime.ResumeAsync(bookmark.Id, "signal"));
        Assert.Equal(ResumeOutcome.AlreadyDone, await host.Runtime.ResumeAsync(bookmark.Id, "signal"));
        Assert.Equal(ResumeOutcome.NotFound, await host.Runtime.ResumeAsync(Guid.NewGuid(), "signal"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Instance_CancelSuspendResume_BehaveAsAdministratorsExpect(string provider)
    {
        const string definition = """
            { "id": "pausable", "name": "可暂停", "activities": [
                { "id": "start", "type": "Start" }, { "id": "delay", "type": "Delay", "inputs": { "duration": "PT1H" } } ],
              "connections": [ { "from": "start", "outcome": "done", "to": "delay" } ] }
            """;
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(definition);
        var paused = await host.Runtime.StartAsync("pausable");
        var cancelled = await host.Runtime.StartAsync("pausable");

        Assert.True(await host.Runtime.SuspendAsync(paused.InstanceId));
        Assert.True(await host.Runtime.CancelAsync(cancelled.InstanceId, "测试"));
        await host.RunUntilAsync("2015-02-16T11:00");
        Assert.Equal(InstanceStatus.Suspended, (await host.Runtime.StoredInstanceAsync(paused.InstanceId))!.Status);
        Assert.Equal(InstanceStatus.Cancelled, (await host.Runtime.StoredInstanceAsync(cancelled.InstanceId))!.Status);
        Assert.DoesNotContain(await host.TimersAsync(cancelled.InstanceId), t => t.Status == TimerStatus.Pending);

        Assert.True(await host.Runtime.ResumeInstanceAsync(paused.InstanceId));
        await host.Scheduler.RunPendingAsync();
        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(paused.InstanceId))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CronTrigger_RepublishAndCronChange_StartOneInstancePerYear(string provider)
    {
        const string definition = """
            { "id": "yearly", "name": "年度", "variables": [{ "name": "year" }],
              "triggers": [ { "kind": "cron", "cron": "0 9 1 2 *", "timeZone": "Asia/Shanghai", "correlationKey": "yearly:{{ trigger.year }}", "input": { "year": "{{ trigger.year }}" } } ],
              "activities": [ { "id": "start", "type": "Start" }, { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "never" } } ],
              "connections": [ { "from": "start", "outcome": "done", "to": "wait" } ] }
            """;
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-01-20T00:00");
        await host.PublishJsonAsync(definition);
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-02-01T09:30");
        await host.PublishJsonAsync(definition.Replace("0 9 1 2 *", "0 10 1 2 *", StringComparison.Ordinal));
        await host.RunUntilAsync("2015-02-02T00:00");
        await host.PublishJsonAsync(definition.Replace("0 9 1 2 *", "30 8 2 2 *", StringComparison.Ordinal).Replace("\"name\": \"年度\"", "\"name\": \"年度v3\"", StringComparison.Ordinal));
        await host.RunUntilAsync("2016-02-10T00:00");

        var instances = await host.Runtime.StoredInstancesAsync("yearly");
        Assert.Equal(["yearly:2015", "yearly:2016"], instances.Select(i => i.CorrelationKey).Order());
        var started2015 = instances.Single(i => i.CorrelationKey == "yearly:2015");
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-02-01T09:00"), started2015.CreatedAt);
        Assert.Equal(2015, InstanceState.Parse(started2015.StateJson).Variables["year"]!.GetValue<int>());
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-02-02T08:30"), instances.Single(i => i.CorrelationKey == "yearly:2016").CreatedAt);
    }
}
