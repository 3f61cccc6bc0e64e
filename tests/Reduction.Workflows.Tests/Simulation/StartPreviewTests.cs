using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Simulation;
using Reduction.Workflows.Tests.Definitions;
using Xunit.Abstractions;

namespace Reduction.Workflows.Tests.Simulation;

/// <summary>What starting a cycle year late does at once, on the shipped definitions and the real engine: the plans
/// issued on 11 April 2016 are overdue at once, their reminders (1, 10 and 14 March) are skipped, and every escalation
/// step already due goes out saying it is sent late, with its original instant; a start on the trigger's own day
/// sends nothing late.</summary>
public class StartPreviewTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset LateStart = new(2016, 4, 11, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Preview_StartedAfterThePlanDeadline_OverdueAtOnceRemindersSkippedEscalationsSentLateWithTheirOriginalInstant()
    {
        var preview = await new CycleSimulator().PreviewStartAsync(2016, LateStart, ShippedFiles.WorkflowsFolder);
        foreach (var e in preview.Events)
        {
            output.WriteLine($"{BeijingTime.ToBeijing(e.At):yyyy-MM-dd HH:mm} {e.Kind} {e.Notice} {e.Task} {e.Party} {e.Detail}");
        }

        output.WriteLine($"issued {preview.TasksIssued} overdue {preview.TasksOverdue} grace {preview.TasksDueInGrace} skipped {preview.RemindersSkipped} late {preview.EscalationsLate} notices {string.Join(", ", preview.Notices.Select(n => $"{n.Key}={n.Value}"))}");

        Assert.True(preview.IsLate);
        Assert.All(preview.Events, e => Assert.Equal(LateStart, e.At));

        // Seven plans, each three reminders before 15 March: none is sent.
        var plans = preview.Events.Where(e => e.Kind == "task-issued" && e.Task == "annual-plan").ToList();
        Assert.Equal(7, plans.Count);
        Assert.Equal(7, preview.Events.Count(e => e.Kind == "task-overdue" && e.Task == "annual-plan"));
        Assert.True(preview.RemindersSkipped >= 21, $"{preview.RemindersSkipped} reminders skipped");
        Assert.DoesNotContain(preview.Events, e => e.Notice == "reminder");

        // Every escalation step due before the start goes out at once (the first to the party as an overdue letter,
        // the later ones as escalation letters), each saying it is sent late and naming its instant before the start.
        var escalations = preview.Events.Where(e => e.Kind == "notice" && e.Notice is "escalation" or "overdue").ToList();
        Assert.NotEmpty(escalations);
        Assert.Equal(escalations.Count, preview.EscalationsLate);
        Assert.Equal(preview.Events.Count(e => e.Kind == "escalation"), preview.EscalationsLate);
        Assert.All(escalations, e =>
        {
            Assert.True(e.Model!["sent_late"]!.GetValue<bool>());
            Assert.True(DateTimeOffset.Parse(e.Model["escalation_scheduled_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) < LateStart);
        });
        Assert.Contains(preview.Events, e => e.Kind == "escalation" && e.Detail!.Contains("（补发，原定 2016-03-16T00:00:00+08:00）", StringComparison.Ordinal));
        Assert.Equal(preview.Events.Count(e => e.Kind == "notice"), preview.Notices.Values.Sum());
    }

    [Fact]
    public async Task Preview_StartedOnTheTriggersDay_NothingIsLate()
    {
        var preview = await new CycleSimulator().PreviewStartAsync(2016, new DateTimeOffset(2016, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), ShippedFiles.WorkflowsFolder);

        Assert.False(preview.IsLate);
        Assert.Equal(0, preview.TasksOverdue);
        Assert.Equal(0, preview.RemindersSkipped);
        Assert.Equal(0, preview.EscalationsLate);
        Assert.DoesNotContain(preview.Events, e => e.Notice is "escalation" or "overdue");
    }
}
