using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Queries;

/// <summary>The notice and sanction lists of the operations console on both providers: every filter is SQL (the
/// recipient search in any case, by address or by the party addressed; the dates as instants), scoped in the query;
/// a sanction reads lifting while a lift instance for its prefecture and year has not finished.</summary>
public class OperationsListsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Notices_Filters_RecipientSubjectTemplatePartyStateAndDates_InTheCallersScope(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-16T09:00");
        var toLhasa = await AddNoticeAsync(host, "task-issued", "lhasa", "2016-02-16T09:00", NoticeStatus.Sent, "关于报送2016年度减排计划的通知", "拉萨市环境保护局 <Lhasa@Example.gov.cn>");
        var toNgari = await AddNoticeAsync(host, "overdue", "ngari", "2016-03-16T00:00", NoticeStatus.DeadLetter, null, null);
        var notices = new NoticeQueries(host.Database);
        var all = PartyScope.Everything;

        Assert.Equal([toLhasa], await IdsAsync(notices, all, new NoticeFilter(Recipient: "lhasa@example")));
        Assert.Equal([toNgari], await IdsAsync(notices, all, new NoticeFilter(Recipient: "阿里", RecipientParties: ["ngari"])));
        Assert.Equal([toLhasa], await IdsAsync(notices, all, new NoticeFilter(Subject: "减排计划")));
        Assert.Equal([toNgari], await IdsAsync(notices, all, new NoticeFilter(TemplateKey: "overdue", Status: NoticeStatus.DeadLetter)));
        Assert.Equal([toLhasa], await IdsAsync(notices, all, new NoticeFilter(PartyId: "lhasa")));
        var march = BeijingTime.StartOfDay(new DateOnly(2016, 3, 1));
        Assert.Equal([toNgari], await IdsAsync(notices, all, new NoticeFilter(CreatedFrom: march)));
        Assert.Equal([toLhasa], await IdsAsync(notices, all, new NoticeFilter(CreatedTo: march)));

        var lhasa = PartyScope.Of(PartyDirectory.LoadDefault().GetById("lhasa"));
        Assert.Equal([toLhasa], await IdsAsync(notices, lhasa, NoticeFilter.None));
        Assert.Empty(await IdsAsync(notices, lhasa, new NoticeFilter(PartyId: "ngari")));
        Assert.Empty(await notices.AttemptsAsync(lhasa, toNgari));

        await using (var db = host.Database.CreateContext())
        {
            db.NoticeAttempts.Add(new NoticeAttemptRecord { Id = Guid.CreateVersion7(), NoticeId = toNgari, At = host.Clock.GetUtcNow().ToUniversalTime(), Outcome = NoticeAttemptRecord.Failed, Detail = "没有登记邮箱" });
            await db.SaveChangesAsync();
        }

        Assert.Equal("没有登记邮箱", Assert.Single(await notices.AttemptsAsync(PartyScope.Everything, toNgari)).Detail);
        Assert.Empty(await notices.AttemptsAsync(lhasa, toNgari));
        var page = await notices.PageAsync(all, NoticeFilter.None, 1, 1);
        Assert.Equal((2, toLhasa), (page.Total, Assert.Single(page.Items).Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sanctions_StateFromTheLiftInstances_FiltersAndScope(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-05-03T09:00");
        await using (var db = host.Database.CreateContext())
        {
            foreach (var (prefecture, kind, year, ends) in new[] { ("ngari", "eia-suspension", 2015, (DateOnly?)null), ("ngari", "fund-suspension", 2015, null), ("nagqu", "eia-suspension", 2014, new DateOnly(2015, 6, 1)) })
            {
                db.Sanctions.Add(new SanctionRecord
                {
                    Id = Guid.CreateVersion7(),
                    IdempotencyKey = $"{prefecture}:{kind}:{year}",
                    PrefectureId = prefecture,
                    Kind = kind,
                    AssessedYear = year,
                    StartsOn = new DateOnly(year + 1, 4, 28),
                    EndsOn = ends,
                    Basis = "《“十二五”主要污染物总量减排考核办法》：考核不合格实行“一票否决”",
                    CreatedAt = host.Clock.GetUtcNow().ToUniversalTime(),
                });
            }

            var state = new InstanceState { Variables = new JsonObject { ["prefecture"] = "阿里地区", ["year"] = 2016 } };
            db.Instances.Add(new InstanceRecord { Id = Guid.CreateVersion7(), DefinitionId = "lift-sanctions", DefinitionVersion = 1, Status = InstanceStatus.Running, StateJson = state.ToJson(), CreatedAt = host.Clock.GetUtcNow().ToUniversalTime(), UpdatedAt = host.Clock.GetUtcNow().ToUniversalTime() });
            await db.SaveChangesAsync();
        }

        var sanctions = new SanctionQueries(host.Database);
        var all = await sanctions.PageAsync(PartyScope.Everything, SanctionFilter.None, 0, 50);
        Assert.Equal(3, all.Total);
        Assert.Equal([SanctionState.Lifting, SanctionState.Lifting, SanctionState.Lifted], all.Items.Select(s => s.State));
        Assert.All(all.Items.Where(s => s.PrefectureId == "ngari"), s => Assert.Equal(2015, Assert.Single(s.Lifts).AssessedYear));
        Assert.Equal(2, (await sanctions.PageAsync(PartyScope.Everything, new SanctionFilter(State: SanctionState.Lifting), 0, 50)).Total);
        Assert.Equal(0, (await sanctions.PageAsync(PartyScope.Everything, new SanctionFilter(State: SanctionState.InForce), 0, 50)).Total);
        Assert.Equal(1, (await sanctions.PageAsync(PartyScope.Everything, new SanctionFilter(AssessedYear: 2014), 0, 50)).Total);
        Assert.Equal(1, (await sanctions.PageAsync(PartyScope.Everything, new SanctionFilter(PrefectureId: "ngari", Kind: "fund-suspension"), 0, 50)).Total);

        var directory = PartyDirectory.LoadDefault();
        Assert.Equal(0, (await sanctions.PageAsync(PartyScope.Of(directory.GetById("lhasa")), SanctionFilter.None, 0, 50)).Total);
        Assert.Equal(2, (await sanctions.PageAsync(PartyScope.Of(directory.GetById("ngari")), SanctionFilter.None, 0, 50)).Total);
        Assert.Equal(3, (await sanctions.PageAsync(PartyScope.Of(directory.GetById("supervision")), SanctionFilter.None, 0, 50)).Total);
        Assert.Null(await sanctions.GetAsync(PartyScope.Of(directory.GetById("lhasa")), all.Items[0].Id));
    }

    private static async Task<Guid> AddNoticeAsync(VirtualWorkflowHost host, string template, string party, string created, NoticeStatus status, string? subject, string? recipients)
    {
        await using var db = host.Database.CreateContext();
        var notice = new NoticeRecord
        {
            Id = Guid.CreateVersion7(),
            IdempotencyKey = $"test:{Guid.NewGuid():N}",
            TemplateKey = template,
            ModelJson = "{}",
            RecipientRolesJson = "[]",
            RecipientPartiesJson = $"[\"{party}\"]",
            CreatedAt = VirtualWorkflowHost.Beijing(created).ToUniversalTime(),
            Status = status,
            Subject = subject,
            Recipients = recipients,
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }

    private static async Task<Guid[]> IdsAsync(NoticeQueries notices, PartyScope scope, NoticeFilter filter) =>
        (await notices.PageAsync(scope, filter, 0, 50)).Items.Select(n => n.Id).ToArray();
}
