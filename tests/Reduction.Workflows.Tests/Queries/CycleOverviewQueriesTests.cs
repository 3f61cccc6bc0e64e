using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tests.Definitions;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Queries;

/// <summary>The year at a glance over the shipped cycle, played on the virtual clock up to 20 March 2015 12:00: the
/// self-check answered on time, 拉萨市's plan answered on time and sent back by the EPB's review (a revision task now
/// open), 日喀则市's plan answered two days late, 那曲地区's cancelled, 阿里地区's never answered (overdue, two
/// escalation steps sent), the assessment data open.</summary>
public class CycleOverviewQueriesTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static PartyScope Scope(string partyId) => PartyScope.Of(PartyDirectory.LoadDefault().GetById(partyId));

    private static async Task<VirtualWorkflowHost> PlayAsync(string provider, PostgresServer postgres)
    {
        var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-01-05T09:00");
        foreach (var id in new[] { "annual-plan", "assessment-data", "assessment-result", "annual-cycle" })
        {
            await host.PublishJsonAsync(await File.ReadAllTextAsync(Path.Combine(ShippedFiles.WorkflowsFolder, id + ".json")));
        }

        await host.Runtime.StartAsync("annual-cycle", new JsonObject { ["year"] = 2015 }, "annual-cycle:2015");
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-02-10T10:00");
        await CompleteAsync(host, "epb", "self-check", """{"summary":"自查报告"}""");

        await host.RunUntilAsync("2015-03-10T10:00");
        await CompleteAsync(host, "lhasa", "annual-plan", """{"summary":"计划"}""");
        await CompleteAsync(host, "epb", "plan-review", """{"decision":"return","comments":"请补充项目清单"}""");
        var nagqu = (await host.Tasks.ListAsync(partyId: "nagqu")).Single(t => t.Kind == "annual-plan");
        Assert.Equal(Workflows.Tasks.TaskActionResult.Accepted, await host.Tasks.CancelAsync(nagqu.Id, "测试撤销"));
        await host.Scheduler.RunPendingAsync();

        await host.RunUntilAsync("2015-03-17T10:00");
        await CompleteAsync(host, "shigatse", "annual-plan", """{"summary":"计划"}""");

        await host.RunUntilAsync("2015-03-20T12:00");
        return host;
    }

    private static async Task CompleteAsync(VirtualWorkflowHost host, string party, string kind, string data)
    {
        var task = (await host.Tasks.ListAsync(partyId: party)).Last(t => t.Kind == kind && t.Status is TaskState.Open or TaskState.Overdue);
        Assert.Equal(Workflows.Tasks.TaskActionResult.Accepted, await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json(data), party + "-user"));
        await host.Scheduler.RunPendingAsync();
    }

    private static OverviewCell Cell(CycleOverview overview, string party, string kind) =>
        Assert.Single(overview.Cells, c => c.Party == party && c.Task == kind);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_PlayedCycle_EachCellInTheStateItsTaskReached(string provider)
    {
        await using var host = await PlayAsync(provider, postgres);

        var overview = await new CycleOverviewQueries(host.Runtime).GetAsync(PartyScope.Everything, 2015);

        Assert.True(overview.Started);
        var selfCheck = Cell(overview, "epb", "self-check");
        Assert.Equal((OverviewStates.Submitted, VirtualWorkflowHost.Beijing("2015-02-10T10:00"), (int?)null, 0), (selfCheck.State, selfCheck.SubmittedAt!.Value, selfCheck.LateBy, selfCheck.EscalationLevel));

        // The review sent 拉萨市's plan back: the revision task (due ten working days after 10 March) is the cell.
        var lhasa = Cell(overview, "lhasa", "annual-plan");
        Assert.Equal((OverviewStates.Open, 2, VirtualWorkflowHost.Beijing("2015-03-24T23:59:59")), (lhasa.State, lhasa.Count, lhasa.Due));
        Assert.Equal(((int?)4, (int?)2, (DateTimeOffset?)null), (lhasa.DaysLeft, lhasa.WorkingDaysLeft, lhasa.SubmittedAt));

        var shigatse = Cell(overview, "shigatse", "annual-plan");
        Assert.Equal((OverviewStates.SubmittedLate, (int?)2, 1, 1), (shigatse.State, shigatse.LateBy, shigatse.EscalationLevel, shigatse.Count));
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-03-17T10:00"), shigatse.SubmittedAt);

        Assert.Equal(OverviewStates.Cancelled, Cell(overview, "nagqu", "annual-plan").State);

        // Overdue since 16 March 00:00; told the EPB at once and the supervision three working days after the due date.
        var ngari = Cell(overview, "ngari", "annual-plan");
        Assert.Equal((OverviewStates.Overdue, (int?)5, 2, (int?)null), (ngari.State, ngari.LateBy, ngari.EscalationLevel, ngari.DaysLeft));
        Assert.Equal("workdays:+3", ngari.EscalationRule);
        Assert.Equal(["supervision"], ngari.EscalationRecipients);
        Assert.Equal("阿里地区", ngari.PartyName);

        // 拉萨市's review (answered) and 日喀则市's (open since 17 March): two tasks, the later one shown.
        var reviews = Cell(overview, "epb", "plan-review");
        Assert.Equal((2, OverviewStates.Open, VirtualWorkflowHost.Beijing("2015-03-24T23:59:59")), (reviews.Count, reviews.State, reviews.Due));

        var data = Cell(overview, "lhasa", "assessment-data");
        Assert.Equal((OverviewStates.Open, (int?)11, (int?)7, 0), (data.State, data.DaysLeft, data.WorkingDaysLeft, data.EscalationLevel));
        Assert.Equal(3, overview.Cells.Count(c => c.Task == "department-data"));
        Assert.Equal(7, overview.Cells.Count(c => c.Task == "assessment-data"));

        await using var db = host.Database.CreateContext();
        var notices = await db.Notices.CountAsync();
        Assert.True(notices > 0);
        Assert.Equal(notices, overview.Notices.Pending + overview.Notices.Sent + overview.Notices.Failed);
        Assert.Empty(overview.Incidents);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_PrefectureAndSupervisionScopes_OwnCellsAndTheLateOnes(string provider)
    {
        await using var host = await PlayAsync(provider, postgres);
        var queries = new CycleOverviewQueries(host.Runtime);

        var lhasa = await queries.GetAsync(Scope("lhasa"), 2015);
        var supervision = await queries.GetAsync(Scope("supervision"), 2015);
        var nothing = await queries.GetAsync(PartyScope.Nothing, 2015);

        Assert.All(lhasa.Cells, c => Assert.Equal("lhasa", c.Party));
        Assert.Equal(["annual-plan", "assessment-data"], lhasa.Cells.Select(c => c.Task).Order());
        Assert.Contains(supervision.Cells, c => c is { Party: "ngari", Task: "annual-plan", State: OverviewStates.Overdue });
        Assert.Contains(supervision.Cells, c => c is { Party: "shigatse", Task: "annual-plan", State: OverviewStates.SubmittedLate });
        Assert.DoesNotContain(supervision.Cells, c => c is { Party: "lhasa", Task: "annual-plan" });
        Assert.Empty(nothing.Cells);
        Assert.Equal(new OverviewNoticeCounts(0, 0, 0), nothing.Notices);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_AnsweredTaskOpenAgain_ReturnedOnlyWithTheJournalsReturn(string provider)
    {
        await using var host = await PlayAsync(provider, postgres);
        await using (var db = host.Database.CreateContext())
        {
            // What a return does to a task (open again with a new due date, the event in its instance's journal), on
            // 日喀则市's plan; 拉萨市's assessment data is reopened the same way without the event.
            var due = VirtualWorkflowHost.Beijing("2015-03-27T23:59:59").ToUniversalTime();
            var plan = await db.Tasks.SingleAsync(t => t.AssigneePartyId == "shigatse" && t.Kind == "annual-plan");
            var data = await db.Tasks.SingleAsync(t => t.AssigneePartyId == "lhasa" && t.Kind == "assessment-data");
            foreach (var task in new[] { plan, data })
            {
                task.Status = TaskState.Open;
                task.ClosedAt = null;
                task.DueAt = due;
                task.LateFrom = due.AddSeconds(1);
                task.Revisions = Math.Max(task.Revisions, 1);
            }

            db.Journal.Add(new JournalRecord
            {
                InstanceId = plan.InstanceId,
                At = host.Runtime.UtcNow(),
                ActivityId = plan.ActivityId,
                Event = CycleOverviewQueries.ReturnedEvent,
                Message = "退回修改",
                DataJson = new JsonObject { ["taskId"] = plan.Id.ToString() }.ToJsonString(),
            });
            await db.SaveChangesAsync();
        }

        var overview = await new CycleOverviewQueries(host.Runtime).GetAsync(PartyScope.Everything, 2015);

        var returned = Cell(overview, "shigatse", "annual-plan");
        Assert.Equal((OverviewStates.Returned, (int?)7, (DateTimeOffset?)null, (int?)null), (returned.State, returned.DaysLeft, returned.SubmittedAt, returned.LateBy));
        Assert.Equal(1, returned.EscalationLevel); // the step sent before the answer stays counted
        Assert.Equal(OverviewStates.Open, Cell(overview, "lhasa", "assessment-data").State);

        // Answered again before the new due date (as the answer after a return will store it): on time, as of the
        // second answer.
        await using (var db = host.Database.CreateContext())
        {
            var plan = await db.Tasks.SingleAsync(t => t.Id == returned.TaskId);
            (plan.Status, plan.SubmittedLate, plan.Revisions) = (TaskState.Submitted, false, plan.Revisions + 1);
            db.TaskSubmissions.Add(new TaskSubmissionRecord { Id = Guid.CreateVersion7(), TaskId = plan.Id, Revision = plan.Revisions, SubmittedAt = host.Runtime.UtcNow(), SubmittedBy = "shigatse-user", DataJson = "{}" });
            await db.SaveChangesAsync();
        }

        var again = Cell(await new CycleOverviewQueries(host.Runtime).GetAsync(PartyScope.Everything, 2015), "shigatse", "annual-plan");
        Assert.Equal((OverviewStates.Submitted, VirtualWorkflowHost.Beijing("2015-03-20T12:00"), (int?)null), (again.State, again.SubmittedAt!.Value, again.LateBy));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_YearWithoutCycle_NotStartedAndEmpty(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host); // tasks of instances that belong to no cycle

        var overview = await new CycleOverviewQueries(host.Runtime).GetAsync(PartyScope.Everything, 2015);

        Assert.NotNull(reads);
        Assert.False(overview.Started);
        Assert.Empty(overview.Cells);
    }
}
