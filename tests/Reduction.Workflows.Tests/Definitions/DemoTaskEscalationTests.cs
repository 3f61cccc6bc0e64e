using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Definitions;

/// <summary>The shipped demo runs on the real runtime as its description says.</summary>
public class DemoTaskEscalationTests
{
    private static string DemoJson() => File.ReadAllText(ShippedFiles.PathOf("demo-task-escalation.json"));

    [Fact]
    public async Task Demo_NeverAnswered_RemindsTwiceThenEscalatesThreeTimes()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2015-02-16T09:00");
        await host.PublishJsonAsync(DemoJson());
        var started = await host.Runtime.StartAsync("demo-task-escalation");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-04-30T00:00");

        var notices = (await host.NoticesAsync())
            .Select(n => (n.TemplateKey, At: BeijingTime.ToBeijing(n.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(
            [
                ("task-issued", "2015-02-16 09:00"),
                ("reminder", "2015-03-11 09:00"),
                ("reminder", "2015-03-14 09:00"),
                ("overdue", "2015-03-16 00:00"),
                ("escalation", "2015-03-18 09:00"),
                ("escalation", "2015-03-20 09:00"),
            ],
            notices);
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));
        Assert.Equal(TaskState.Overdue, task.Status);
        Assert.Equal("lhasa", task.AssigneePartyId);
    }

    [Fact]
    public async Task Demo_SubmittedOnTime_SendsReceiptAndNoticeThenEnds()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2015-02-16T09:00");
        await host.PublishJsonAsync(DemoJson());
        var started = await host.Runtime.StartAsync("demo-task-escalation");
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-02T10:00");
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));

        await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("""{"summary":"拉萨市2015年度减排计划"}"""), "lhasa-user");
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-04-30T00:00");

        Assert.Equal(["task-issued", "receipt"], (await host.NoticesAsync()).Select(n => n.TemplateKey).ToList());
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
    }
}
