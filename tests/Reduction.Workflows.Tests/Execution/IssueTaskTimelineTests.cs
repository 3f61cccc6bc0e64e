using Reduction.Domain.Calendar;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Execution;

public class IssueTaskTimelineTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string PlanWorkflow = """
        {
          "id": "plan-test",
          "name": "年度计划（测试）",
          "variables": [{ "name": "year", "type": "number", "default": 2015 }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan",
                "title": "{{ year }}年度主要污染物总量减排计划（{{ assignee_name }}）",
                "assignees": "[\"lhasa\"]",
                "due": "day:03-15",
                "reminders": [ { "offset": "workdays:-3" }, { "offset": "days:-1" } ],
                "escalation": [
                  { "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue", "includeAssignee": true },
                  { "after": "workdays:+3", "recipientRoles": ["supervision"] },
                  { "after": "workdays:+5", "recipientRoles": ["government"] }
                ],
                "receiptCopyRoles": ["epb", "drc"],
                "outputVariable": "plans" } },
            { "id": "done", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "plan" },
            { "from": "plan", "outcome": "submitted", "to": "done" },
            { "from": "done", "outcome": "done", "to": "end" }
          ]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task IssueTask_NeverAnswered_RemindsAndEscalatesAtExactInstants(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(PlanWorkflow);
        var started = await host.Runtime.StartAsync("plan-test");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-04-30T00:00");

        var notices = (await host.NoticesAsync()).Select(n => (n.TemplateKey, At: BeijingTime.ToBeijing(n.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(
            [
                ("task-issued", "2015-02-16 09:00"),
                ("reminder", "2015-03-11 09:00"), // 3 working days before Sunday 15 March: Wed 11th
                ("reminder", "2015-03-14 09:00"),
                ("overdue", "2015-03-16 00:00"), // the first late instant
                ("escalation", "2015-03-18 09:00"), // 3 working days after the due date
                ("escalation", "2015-03-20 09:00"),
            ],
            notices);
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));
        Assert.Equal(TaskState.Overdue, task.Status);
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-03-15T23:59:59"), task.DueAt);
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Running, instance!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task IssueTask_PrefectureHoliday_ShiftsWorkingDayEscalation(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        host.Calendar.AddOverride("lhasa", new YearArrangement(2015, new Dictionary<DateOnly, string> { [new DateOnly(2015, 3, 17)] = "地方假日" }, new Dictionary<DateOnly, string>()));
        await host.PublishJsonAsync(PlanWorkflow);
        await host.Runtime.StartAsync("plan-test");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-04-30T00:00");

        var escalations = (await host.NoticesAsync()).Where(n => n.TemplateKey == "escalation").Select(n => BeijingTime.ToBeijing(n.CreatedAt).Date).ToList();
        Assert.Equal([new DateTime(2015, 3, 19), new DateTime(2015, 3, 23)], escalations);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task IssueTask_SubmittedOnTime_CancelsPendingRemindersAndCompletes(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(PlanWorkflow);
        var started = await host.Runtime.StartAsync("plan-test");
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-12T10:00");
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));

        var first = await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("""{"summary":"计划"}"""), "lhasa-user");
        var second = await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("""{"summary":"again"}"""), "lhasa-user");
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-04-30T00:00");

        Assert.Equal(Reduction.Workflows.Tasks.TaskActionResult.Accepted, first);
        Assert.NotEqual(Reduction.Workflows.Tasks.TaskActionResult.Accepted, second);
        var templates = (await host.NoticesAsync()).Select(n => n.TemplateKey).ToList();
        Assert.Equal(["task-issued", "reminder", "receipt", "result"], templates);
        var timers = await host.TimersAsync(started.InstanceId);
        Assert.DoesNotContain(timers, t => t.Status == TimerStatus.Pending);
        Assert.All(timers.Where(t => t.Status == TimerStatus.Fired), t => Assert.True(t.FiredAt >= t.DueAt));
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
        Assert.Contains("计划", instance.StateJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task IssueTask_AroundSpringFestival_CountsAdjustedSaturdayAndSkipsHolidays(string provider)
    {
        // Due Thursday 26 Feb 2015. Two working days before skip the Spring Festival (18-24 Feb): Tuesday 17th.
        // Escalation +2 working days is the adjusted working Saturday 28th; +5 is Wednesday 4 March.
        var definition = PlanWorkflow
            .Replace("\"due\": \"day:03-15\"", "\"due\": \"day:02-26\"", StringComparison.Ordinal)
            .Replace("{ \"offset\": \"workdays:-3\" }, { \"offset\": \"days:-1\" }", "{ \"offset\": \"workdays:-2\" }", StringComparison.Ordinal)
            .Replace("\"after\": \"workdays:+3\"", "\"after\": \"workdays:+2\"", StringComparison.Ordinal);
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-10T09:00");
        await host.PublishJsonAsync(definition);
        await host.Runtime.StartAsync("plan-test");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-04-30T00:00");

        var notices = (await host.NoticesAsync()).Select(n => (n.TemplateKey, At: BeijingTime.ToBeijing(n.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(
            [
                ("task-issued", "2015-02-10 09:00"),
                ("reminder", "2015-02-17 09:00"),
                ("overdue", "2015-02-27 00:00"),
                ("escalation", "2015-02-28 09:00"), // adjusted working Saturday
                ("escalation", "2015-03-04 09:00"), // +5: 27 Feb, Sat 28 Feb, 2, 3, 4 March
            ],
            notices);
    }
}
