using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tasks;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Queries;

/// <summary>The read side's party scope on every kind of object, on both providers (the filters are SQL).</summary>
public class ScopedQueriesTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly PartyScope Lhasa = ScopedReads.Scope("lhasa");
    private static readonly PartyScope Shigatse = ScopedReads.Scope("shigatse");
    private static readonly PartyScope Drc = ScopedReads.Scope("drc");
    private static readonly PartyScope Supervision = ScopedReads.Scope("supervision");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tasks_PrefectureScope_OwnTasksAndNoneOfAnotherPrefecture(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);

        var listed = await reads.Tasks.ListAsync(Lhasa);

        Assert.Equal(new[] { reads.LhasaPlan.Id, reads.LhasaData.Id }.Order(), listed.Select(t => t.Id).Order());
        Assert.Equal(reads.LhasaPlan.Id, (await reads.Tasks.FindAsync(Lhasa, reads.LhasaPlan.Id))?.Id);
        Assert.Null(await reads.Tasks.FindAsync(Lhasa, reads.ShigatsePlan.Id));
        Assert.Null(await reads.Tasks.GetAsync(Lhasa, reads.ShigatseData.Id));
        Assert.Empty(await reads.Tasks.ListAsync(Lhasa, new TaskFilter(AssigneePartyId: "shigatse")));
        Assert.Empty(await reads.Tasks.ListAsync(Lhasa, new TaskFilter(InstanceId: reads.ShigatsePlanInstance)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Submissions_PrefectureScope_OwnAnswerAndAttachmentButNotAnothers(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);

        var own = await reads.Tasks.GetAsync(Lhasa, reads.LhasaData.Id);
        var attachment = Assert.Single(await reads.Tasks.GetAttachmentsAsync(Lhasa, reads.LhasaData.Id, 1));

        Assert.Equal(1.5m, Assert.Single(own!.Submissions).Data["emissions"]!["cod"]!.GetValue<decimal>());
        Assert.Equal(("监测报告.pdf", 1), (attachment.Name, attachment.Index));
        Assert.Empty(await reads.Tasks.GetSubmissionsAsync(Lhasa, reads.ShigatseData.Id));
        Assert.Null(await reads.Tasks.GetSubmissionAsync(Lhasa, reads.ShigatseData.Id, 1));
        Assert.Empty(await reads.Tasks.GetAttachmentsAsync(Shigatse, reads.LhasaData.Id, 1));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AssessmentData_BeforeApproval_NoPrefectureSeesAnothersButTheAssessingBodiesSeeAll(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);
        var data = new TaskFilter(Kind: TaskKinds.AssessmentData);

        Assert.Equal([reads.ShigatseData.Id], (await reads.Tasks.ListAsync(Shigatse, data)).Select(t => t.Id));
        Assert.Null(await reads.Tasks.GetAsync(Shigatse, reads.LhasaData.Id));
        Assert.Empty(await reads.Tasks.GetSubmissionsAsync(Shigatse, reads.LhasaData.Id));
        foreach (var body in new[] { "drc", "supervision", "public-security", "agriculture", "statistics", "government" })
        {
            Assert.Equal(2, (await reads.Tasks.ListAsync(ScopedReads.Scope(body), data)).Count);
            Assert.Single((await reads.Tasks.GetAsync(ScopedReads.Scope(body), reads.LhasaData.Id))!.Submissions);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tasks_DepartmentScope_ItsReviewAndNoPrefecturesPlans(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);

        var listed = (await reads.Tasks.ListAsync(Drc)).Select(t => t.Id).ToList();

        Assert.Contains(reads.DrcReview.Id, listed);
        Assert.DoesNotContain(reads.LhasaPlan.Id, listed);
        Assert.DoesNotContain(reads.ShigatsePlan.Id, listed);
        Assert.Null(await reads.Tasks.GetAsync(Drc, reads.LhasaPlan.Id));
        Assert.Null(await reads.Tasks.GetAsync(Lhasa, reads.DrcReview.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tasks_SupervisionScope_OverdueTasksOfEveryPartyOnceOverdue(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);
        Assert.Null(await reads.Tasks.FindAsync(Supervision, reads.LhasaPlan.Id));

        await host.RunUntilAsync("2015-03-20T09:00");

        var plans = await reads.Tasks.ListAsync(Supervision, new TaskFilter(Kind: "annual-plan"));
        Assert.Equal(new[] { reads.LhasaPlan.Id, reads.ShigatsePlan.Id }.Order(), plans.Select(t => t.Id).Order());
        Assert.All(plans, t => Assert.Equal(TaskState.Overdue, t.Status));
        Assert.Empty(await reads.Tasks.ListAsync(Drc, new TaskFilter(Kind: "annual-plan")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Instances_PrefectureScope_OwnInstancesWithJournalAndNoneOfAnother(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);

        var listed = await reads.Instances.ListAsync(Lhasa);
        var own = await reads.Instances.GetAsync(Lhasa, reads.LhasaPlanInstance);

        Assert.Equal(new[] { reads.LhasaPlanInstance, reads.LhasaDataInstance }.Order(), listed.Select(i => i.Id).Order());
        Assert.Equal("lhasa", own!.Variables["prefecture"]!.GetValue<string>());
        Assert.Contains(own.Journal, j => j.Event == "started");
        Assert.Null(await reads.Instances.GetAsync(Lhasa, reads.ShigatsePlanInstance));
        Assert.Null(await reads.Instances.FindAsync(Lhasa, reads.ShigatseDataInstance));
        Assert.Null(await reads.Instances.FindAsync(Drc, reads.LhasaPlanInstance));
        Assert.NotNull(await reads.Instances.FindAsync(Drc, reads.LhasaDataInstance));
        Assert.Empty(await reads.Instances.ListAsync(Lhasa, definitionId: "scoped-review"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Notices_PrefectureScope_AddressedToItAndNoneOfAnother(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);
        var all = await host.NoticesAsync();
        var shigatses = all.Where(n => n.RecipientPartiesJson.Contains("\"shigatse\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(shigatses);

        var listed = await reads.Notices.ListAsync(Lhasa);

        Assert.NotEmpty(listed);
        Assert.All(listed, n => Assert.Contains("lhasa", n.RecipientParties));
        Assert.Contains(listed, n => n.TaskId == reads.LhasaData.Id);
        Assert.DoesNotContain(listed, n => n.TaskId == reads.ShigatseData.Id || n.TaskId == reads.ShigatsePlan.Id);
        Assert.Null(await reads.Notices.GetAsync(Lhasa, shigatses[0].Id));
        Assert.NotNull(await reads.Notices.GetAsync(Shigatse, shigatses[0].Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sanctions_PrefectureScopeOwnOnly_DepartmentsAll(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);
        var day = new DateOnly(2015, 5, 1);

        Assert.Equal(["lhasa"], (await reads.Sanctions.InForceAsync(Lhasa, null, day)).Select(s => s.PrefectureId));
        Assert.Empty(await reads.Sanctions.InForceAsync(Lhasa, "shigatse", day));
        Assert.Empty(await reads.Sanctions.AllAsync(Lhasa, "shigatse"));
        Assert.Equal(["lhasa", "shigatse"], (await reads.Sanctions.InForceAsync(Drc, null, day)).Select(s => s.PrefectureId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EverythingAndNothing_AllOfEveryKindAndNoneAtAll(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);
        var day = new DateOnly(2015, 5, 1);

        Assert.Equal(5, (await reads.Tasks.ListAsync(PartyScope.Everything)).Count);
        Assert.Equal(5, (await reads.Instances.ListAsync(PartyScope.Everything)).Count);
        Assert.Equal((await host.NoticesAsync()).Count, (await reads.Notices.ListAsync(PartyScope.Everything, take: 1000)).Count);
        Assert.Equal(2, (await reads.Sanctions.InForceAsync(PartyScope.Everything, null, day)).Count);
        Assert.NotNull(await reads.Tasks.GetAsync(PartyScope.Everything, reads.ShigatseData.Id));

        Assert.Empty(await reads.Tasks.ListAsync(PartyScope.Nothing));
        Assert.Null(await reads.Tasks.GetAsync(PartyScope.Nothing, reads.LhasaData.Id));
        Assert.Empty(await reads.Tasks.GetSubmissionsAsync(PartyScope.Nothing, reads.LhasaData.Id));
        Assert.Empty(await reads.Instances.ListAsync(PartyScope.Nothing));
        Assert.Null(await reads.Instances.GetAsync(PartyScope.Nothing, reads.LhasaDataInstance));
        Assert.Empty(await reads.Notices.ListAsync(PartyScope.Nothing));
        Assert.Empty(await reads.Sanctions.InForceAsync(PartyScope.Nothing, null, day));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Engine_TaskOutOfEveryMembersScope_StillCompletesAndRunsOn(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-03-16T09:00");
        var reads = await ScopedReads.CreateAsync(host);
        Assert.Null(await reads.Tasks.FindAsync(Lhasa, reads.ShigatsePlan.Id));

        var result = await host.Tasks.CompleteAsync(reads.ShigatsePlan.Id, VirtualWorkflowHost.Json("""{ "plan": "ok" }"""), "日喀则市填报人");
        await host.Scheduler.RunPendingAsync();

        Assert.Equal(TaskActionResult.Accepted, result);
        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(reads.ShigatsePlanInstance))!.Status);
        Assert.Null(await reads.Instances.FindAsync(Lhasa, reads.ShigatsePlanInstance));
        Assert.Equal(InstanceStatus.Completed, (await reads.Instances.FindAsync(Shigatse, reads.ShigatsePlanInstance))!.Status);
    }
}
