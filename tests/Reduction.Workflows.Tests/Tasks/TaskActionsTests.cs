using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tasks;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Tasks;

/// <summary>The operators' task actions (催办, 延期, 转办, 撤销, 退回) on PostgreSQL and SQLite, on the virtual clock: what
/// each does to the task, its timers and its notices, instant by instant.</summary>
public class TaskActionsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Id = "task-actions";

    // Due Tuesday 15 March 2016: reminders Thu 10th and Mon 14th 09:00; escalations Wed 16th 00:00 (overdue, to the
    // EPB and the party) and three working days later 09:00 (supervision).
    private const string Definition = """
        {
          "id": "task-actions", "name": "任务操作", "variables": [{ "name": "year", "type": "number", "default": 2016 }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan", "title": "{{ year }}年度减排计划（{{ assignee_name }}）",
                "assignees": "['ngari', 'nagqu', 'lhasa']", "due": "day:03-15", "allowReturn": true,
                "reminders": [ { "offset": "workdays:-3" }, { "offset": "days:-1" } ],
                "escalation": [
                  { "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue", "includeAssignee": true },
                  { "after": "workdays:+3", "recipientRoles": ["supervision"] } ] } },
            { "id": "submitted", "type": "End" },
            { "id": "cancelled", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "plan" },
            { "from": "plan", "outcome": "submitted", "to": "submitted" },
            { "from": "plan", "outcome": "cancelled", "to": "cancelled" }
          ]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Extend_ByWorkingDaysAcrossAPrefectureHoliday_OverdueLiftedSentStepsNotSentAgainLaterStepsMoved(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        // 阿里地区 closes on Thu 17th and Fri 18th (a prefecture holiday): its working days after the 15th are 16, 21, 22, 23, 24.
        host.Calendar.AddOverride("ngari", new YearArrangement(2016, new Dictionary<DateOnly, string> { [new(2016, 3, 17)] = "雪灾停工", [new(2016, 3, 18)] = "雪灾停工" }, new Dictionary<DateOnly, string>()));
        var (instance, tasks) = await StartAsync(host);
        var ngari = tasks["ngari"];
        await host.RunUntilAsync("2016-03-16T08:00");
        Assert.Equal(TaskState.Overdue, (await host.Tasks.GetAsync(ngari))!.Status);
        Assert.Equal(1, await CountAsync(host, ngari, "overdue"));

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ExtendAsync(ngari, null, "workdays:+5", "雪灾交通中断", "operator"));

        var task = (await host.Tasks.GetAsync(ngari))!;
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-24T23:59:59"), task.DueAt);
        Assert.Equal(TaskState.Open, task.Status);
        var detail = (await new TaskQueries(host.Database).GetAsync(PartyScope.Everything, ngari))!;
        Assert.Equal(
            [(0, VirtualWorkflowHost.Beijing("2016-03-10T09:00"), TaskStep.Sent), (1, VirtualWorkflowHost.Beijing("2016-03-14T09:00"), TaskStep.Sent)],
            detail.Reminders.Select(r => (r.Step, r.At, r.State)));
        Assert.Equal(
            [(0, VirtualWorkflowHost.Beijing("2016-03-16T00:00"), TaskStep.Sent), (1, VirtualWorkflowHost.Beijing("2016-03-29T09:00"), TaskStep.Pending)],
            detail.Escalations.Select(e => (e.Step, e.At, e.State)));
        var told = Assert.Single(await NoticesAsync(host, ngari, "deadline-extended"));
        Assert.Equal("雪灾交通中断", JsonNode.Parse(told.ModelJson)!["change_reason"]!.GetValue<string>());
        Assert.Equal("2016-03-24T23:59:59+08:00", JsonNode.Parse(told.ModelJson)!["due_at"]!.GetValue<string>());

        // Nothing more until the new deadline passes; then late again, but the first escalation is not sent twice.
        await host.RunUntilAsync("2016-03-24T23:00");
        Assert.Equal(TaskState.Open, (await host.Tasks.GetAsync(ngari))!.Status);
        await host.RunUntilAsync("2016-03-25T00:00");
        Assert.Equal(TaskState.Overdue, (await host.Tasks.GetAsync(ngari))!.Status);
        await host.RunUntilAsync("2016-03-29T08:59");
        Assert.Equal(0, await CountAsync(host, ngari, "escalation"));
        await host.RunUntilAsync("2016-04-30T00:00");
        Assert.Equal(1, await CountAsync(host, ngari, "overdue"));
        var second = Assert.Single(await NoticesAsync(host, ngari, "escalation"));
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-29T09:00"), second.CreatedAt);
        Assert.Equal(2, await CountAsync(host, ngari, "reminder"));
        Assert.Contains(await host.JournalAsync(instance), j => j.Event == "task-extended" && j.Message.Contains("3月15日 23:59 → 3月24日 23:59", StringComparison.Ordinal));

        // The other prefectures kept their deadlines and calendars: 那曲 was escalated on Friday 18th.
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-18T09:00"), Assert.Single(await NoticesAsync(host, tasks["nagqu"], "escalation")).CreatedAt);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Extend_ToADate_BeforeTheFirstReminder_AllStepsMovedAndSentOnceAtTheirNewInstants(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (_, tasks) = await StartAsync(host);
        var lhasa = tasks["lhasa"];
        await host.RunUntilAsync("2016-03-02T10:00");

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ExtendAsync(lhasa, new DateOnly(2016, 3, 22), null, "会议推迟", "operator"));
        var detail = (await new TaskQueries(host.Database).GetAsync(PartyScope.Everything, lhasa))!;
        // Three working days before Tuesday 22nd is Thursday 17th; the day before is Monday 21st.
        Assert.Equal([VirtualWorkflowHost.Beijing("2016-03-17T09:00"), VirtualWorkflowHost.Beijing("2016-03-21T09:00")], detail.Reminders.Select(r => r.At));
        Assert.All(detail.Reminders.Concat(detail.Escalations), s => Assert.Equal(TaskStep.Pending, s.State));

        await host.RunUntilAsync("2016-03-16T12:00");
        Assert.Equal(0, await CountAsync(host, lhasa, "reminder"));
        Assert.Equal(TaskState.Open, (await host.Tasks.GetAsync(lhasa))!.Status);
        await host.RunUntilAsync("2016-03-17T09:00");
        Assert.Equal(1, await CountAsync(host, lhasa, "reminder"));
        await host.RunUntilAsync("2016-04-30T00:00");
        Assert.Equal([VirtualWorkflowHost.Beijing("2016-03-17T09:00"), VirtualWorkflowHost.Beijing("2016-03-21T09:00")], (await NoticesAsync(host, lhasa, "reminder")).Select(n => n.CreatedAt));
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-23T00:00"), Assert.Single(await NoticesAsync(host, lhasa, "overdue")).CreatedAt);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Extend_Refused_PastDeadlineBadRuleSubmittedOrClosed_NothingChanges(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (_, tasks) = await StartAsync(host);
        var timersBefore = (await host.TimersAsync(await InstanceOfAsync(host, tasks["lhasa"]))).Count;

        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ExtendAsync(tasks["lhasa"], new DateOnly(2016, 2, 28), null, "过去的日期", "operator"));
        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ExtendAsync(tasks["lhasa"], null, "workdays:-20", "早于今天", "operator"));
        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ExtendAsync(tasks["lhasa"], null, "不是规则", "乱写", "operator"));
        Assert.Equal(timersBefore, (await host.TimersAsync(await InstanceOfAsync(host, tasks["lhasa"]))).Count);
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-15T23:59:59"), (await host.Tasks.GetAsync(tasks["lhasa"]))!.DueAt);

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(tasks["lhasa"], VirtualWorkflowHost.Json("""{"summary":"已报送"}"""), "lhasa"));
        Assert.Equal(TaskActionResult.AlreadyCompleted, await host.Tasks.ExtendAsync(tasks["lhasa"], new DateOnly(2016, 3, 30), null, "已提交", "operator"));
        Assert.Equal(TaskActionResult.NotFound, await host.Tasks.ExtendAsync(Guid.NewGuid(), new DateOnly(2016, 3, 30), null, "没有此任务", "operator"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Urge_SendsAnUrgeNoticeNow_OncePerWorkingDay_ADayOffCountsAsTheNextWorkingDay(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (instance, tasks) = await StartAsync(host);
        var nagqu = tasks["nagqu"];
        await host.RunUntilAsync("2016-03-08T10:00");

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.UrgeAsync(nagqu, "请尽快报送", "operator"));
        var urged = Assert.Single(await NoticesAsync(host, nagqu, "urge"));
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-08T10:00"), urged.CreatedAt);
        Assert.Equal($"{nagqu:N}:urge:2016-03-08", urged.IdempotencyKey);
        Assert.Equal("[\"nagqu\"]", urged.RecipientPartiesJson);
        Assert.Equal(TaskActionResult.TooSoon, await host.Tasks.UrgeAsync(nagqu, "再催一次", "operator"));
        Assert.Single(await NoticesAsync(host, nagqu, "urge"));

        await host.RunUntilAsync("2016-03-09T08:30");
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.UrgeAsync(nagqu, "第二天再催", "operator"));

        // Saturday 12th counts as Monday 14th: urged on Saturday, Monday's urge is refused.
        await host.RunUntilAsync("2016-03-12T11:00");
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.UrgeAsync(nagqu, "周末催办", "operator"));
        await host.RunUntilAsync("2016-03-14T09:30");
        Assert.Equal(TaskActionResult.TooSoon, await host.Tasks.UrgeAsync(nagqu, "周一再催", "operator"));
        Assert.Equal(3, (await NoticesAsync(host, nagqu, "urge")).Count);
        Assert.Equal(3, (await host.JournalAsync(instance)).Count(j => j.Event == "task-urged"));

        // Urging changes no timer: the planned reminders still come (none was moved or sent early).
        await host.RunUntilAsync("2016-03-15T12:00");
        Assert.Equal([VirtualWorkflowHost.Beijing("2016-03-10T09:00"), VirtualWorkflowHost.Beijing("2016-03-14T09:00")], (await NoticesAsync(host, nagqu, "reminder")).Select(n => n.CreatedAt));
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(nagqu, VirtualWorkflowHost.Json("""{"summary":"已报送"}"""), "nagqu"));
        Assert.Equal(TaskActionResult.AlreadyCompleted, await host.Tasks.UrgeAsync(nagqu, "已提交", "operator"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reassign_ToAnotherPrefecture_OldLinksRevokedNewPartyIssuedTimersKept_OtherRolesRefused(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (_, tasks) = await StartAsync(host);
        var lhasa = tasks["lhasa"];
        await using (var db = host.Database.CreateContext())
        {
            db.TaskLinks.Add(new TaskLinkRecord { Id = Guid.NewGuid(), TaskId = lhasa, PartyId = "lhasa", TokenHash = new string('a', 64), Nonce = "n", CreatedAt = host.Clock.GetUtcNow().ToUniversalTime() });
            await db.SaveChangesAsync();
        }

        var timersBefore = (await host.TimersAsync(await InstanceOfAsync(host, lhasa))).Where(t => t.TaskId == lhasa && t.Status == TimerStatus.Pending).Select(t => t.DueAt).Order().ToList();
        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ReassignAsync(lhasa, "supervision", "operator", "角色不同"));
        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ReassignAsync(lhasa, "lhasa", "operator", "同一单位"));
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ReassignAsync(lhasa, "shigatse", "operator", "拉萨市机构调整"));

        var task = (await host.Tasks.GetAsync(lhasa))!;
        Assert.Equal(("shigatse", "lhasa", "shigatse"), (task.AssigneePartyId, task.ReassignedFromPartyId, task.CalendarKey));
        await using (var db = host.Database.CreateContext())
        {
            var link = Assert.Single(db.TaskLinks.Where(l => l.TaskId == lhasa));
            Assert.NotNull(link.RevokedAt);
        }

        var issued = Assert.Single(await NoticesAsync(host, lhasa, "task-issued"), n => n.IdempotencyKey.Contains(":issued:shigatse:", StringComparison.Ordinal));
        Assert.Equal("[\"shigatse\"]", issued.RecipientPartiesJson);
        Assert.Equal(timersBefore, (await host.TimersAsync(await InstanceOfAsync(host, lhasa))).Where(t => t.TaskId == lhasa && t.Status == TimerStatus.Pending).Select(t => t.DueAt).Order().ToList());

        // The reminders now go to the party that holds the task.
        await host.RunUntilAsync("2016-03-10T09:00");
        Assert.Equal("[\"shigatse\"]", Assert.Single(await NoticesAsync(host, lhasa, "reminder")).RecipientPartiesJson);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reassign_ToANamedContact_TaskStaysWithItsPartyOldLinksRevokedNoticeForThatContactOnlyJournaled(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (instance, tasks) = await StartAsync(host);
        var lhasa = tasks["lhasa"];
        await using (var db = host.Database.CreateContext())
        {
            db.TaskLinks.Add(new TaskLinkRecord { Id = Guid.NewGuid(), TaskId = lhasa, PartyId = "lhasa", TokenHash = new string('b', 64), Nonce = "n", CreatedAt = host.Clock.GetUtcNow().ToUniversalTime() });
            await db.SaveChangesAsync();
        }

        var timersBefore = (await host.TimersAsync(instance)).Where(t => t.TaskId == lhasa && t.Status == TimerStatus.Pending).Select(t => t.DueAt).Order().ToList();
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ReassignToContactAsync(lhasa, "拉萨市环境保护局总量科", "zongliang@lasa.example.gov.cn", "operator", "减排办人员外出"));

        var task = (await host.Tasks.GetAsync(lhasa))!;
        Assert.Equal(("lhasa", (string?)null, "lhasa"), (task.AssigneePartyId, task.ReassignedFromPartyId, task.CalendarKey));
        await using (var db = host.Database.CreateContext())
        {
            Assert.NotNull(Assert.Single(db.TaskLinks.Where(l => l.TaskId == lhasa)).RevokedAt);
        }

        var issued = (await NoticesAsync(host, lhasa, "task-issued")).Where(n => n.ModelJson.Contains(NoticeModelKeys.RecipientContact, StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(issued);
        Assert.Equal("[\"lhasa\"]", notice.RecipientPartiesJson);
        var contact = System.Text.Json.Nodes.JsonNode.Parse(notice.ModelJson)![NoticeModelKeys.RecipientContact]!;
        Assert.Equal(("zongliang@lasa.example.gov.cn", "拉萨市环境保护局总量科"), (contact["email"]!.GetValue<string>(), contact["name"]!.GetValue<string>()));
        Assert.Contains(await host.JournalAsync(instance), j => j.Event == "task-reassigned" && j.Message.Contains("转办给 拉萨市环境保护局总量科", StringComparison.Ordinal));
        Assert.Equal(timersBefore, (await host.TimersAsync(instance)).Where(t => t.TaskId == lhasa && t.Status == TimerStatus.Pending).Select(t => t.DueAt).Order().ToList());

        // The handover holds for what follows about the task: the 催办 and the reminder go to that contact alone.
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.UrgeAsync(lhasa, "请尽快报送", "operator"));
        await host.RunUntilAsync("2016-03-10T09:00");
        foreach (var template in new[] { "urge", "reminder" })
        {
            var sent = Assert.Single(await NoticesAsync(host, lhasa, template));
            Assert.Equal("zongliang@lasa.example.gov.cn", System.Text.Json.Nodes.JsonNode.Parse(sent.ModelJson)![NoticeModelKeys.RecipientContact]?["email"]?.GetValue<string>());
        }

        // Handed on to another party, the task's notices go to that party's addresses again.
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ReassignAsync(lhasa, "shigatse", "operator", "改由日喀则市报送"));
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.UrgeAsync(lhasa, "请日喀则市尽快报送", "operator"));
        var urgedAgain = (await NoticesAsync(host, lhasa, "urge")).OrderBy(n => n.CreatedAt).Last();
        Assert.Equal("[\"shigatse\"]", urgedAgain.RecipientPartiesJson);
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(urgedAgain.ModelJson)![NoticeModelKeys.RecipientContact]);
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ReassignAsync(lhasa, "lhasa", "operator", "仍由拉萨市报送"));

        // Once the party's contacts are stored, an address that is not among them is refused; a submitted task cannot move.
        host.Runtime.Parties.ApplyStored([new StoredParty("lhasa", host.Runtime.Parties.GetById("lhasa").Names, [new PartyContact(null, "jianpai@lasa.example.gov.cn", false)], null)]);
        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ReassignToContactAsync(lhasa, "外人", "someone@elsewhere.example.com", "operator", "试试"));
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(lhasa, VirtualWorkflowHost.Json("""{"summary":"已报送"}"""), "lhasa"));
        Assert.Equal(TaskActionResult.AlreadyCompleted, await host.Tasks.ReassignToContactAsync(lhasa, "减排办", "jianpai@lasa.example.gov.cn", "operator", "已提交"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancel_EveryTask_TimersCancelledPartiesToldActivityTakesItsCancelledOutcome(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (instance, tasks) = await StartAsync(host);
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CancelAsync(tasks["ngari"], "阿里地区不参加本年度考核", "operator"));
        Assert.Equal(TaskState.Cancelled, (await host.Tasks.GetAsync(tasks["ngari"]))!.Status);
        Assert.DoesNotContain(await host.TimersAsync(instance), t => t.TaskId == tasks["ngari"] && t.Status == TimerStatus.Pending);
        Assert.Equal("[\"ngari\"]", Assert.Single(await NoticesAsync(host, tasks["ngari"], "task-cancelled")).RecipientPartiesJson);
        Assert.Equal(TaskActionResult.Closed, await host.Tasks.CancelAsync(tasks["ngari"], "再撤销一次", "operator"));
        Assert.Equal(InstanceStatus.Running, (await host.Runtime.StoredInstanceAsync(instance))!.Status);

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CancelAsync(tasks["nagqu"], "合并报送", "operator"));
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CancelAsync(tasks["lhasa"], "合并报送", "operator"));
        var journal = await host.JournalAsync(instance);
        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(instance))!.Status);
        Assert.Single(journal, j => j.Event == "activity-completed" && j.ActivityId == "plan" && j.Message.EndsWith("结果：cancelled", StringComparison.Ordinal));
        Assert.Single(journal, j => j.Event == "completed");
        await host.RunUntilAsync("2016-04-30T00:00");
        Assert.DoesNotContain(await host.NoticesAsync(), n => n.TemplateKey is "reminder" or "overdue" or "escalation");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Return_ASubmittedAnswerWhileOthersAreOpen_TaskOpenWithNewDeadlineAndTimers_ResubmissionIsANewRevision(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        var (instance, tasks) = await StartAsync(host);
        var lhasa = tasks["lhasa"];
        Assert.Equal(TaskActionResult.Invalid, await host.Tasks.ReturnAsync(lhasa, new DateOnly(2016, 3, 25), "未提交不能退回", "operator"));
        await host.RunUntilAsync("2016-03-04T10:00");
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(lhasa, VirtualWorkflowHost.Json("""{"summary":"初稿"}"""), "lhasa"));
        Assert.DoesNotContain(await host.TimersAsync(instance), t => t.TaskId == lhasa && t.Status == TimerStatus.Pending);

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.ReturnAsync(lhasa, new DateOnly(2016, 3, 25), "重点项目清单不完整", "operator"));
        var task = (await host.Tasks.GetAsync(lhasa))!;
        Assert.Equal((TaskState.Open, VirtualWorkflowHost.Beijing("2016-03-25T23:59:59")), (task.Status, task.DueAt));
        var returned = Assert.Single(await NoticesAsync(host, lhasa, "returned"));
        Assert.Equal("重点项目清单不完整", JsonNode.Parse(returned.ModelJson)!["reasons"]![0]!.GetValue<string>());
        var detail = (await new TaskQueries(host.Database).GetAsync(PartyScope.Everything, lhasa))!;
        Assert.Equal([VirtualWorkflowHost.Beijing("2016-03-22T09:00"), VirtualWorkflowHost.Beijing("2016-03-24T09:00")], detail.Reminders.Where(r => r.State == TaskStep.Pending).Select(r => r.At));

        await host.RunUntilAsync("2016-03-22T09:00");
        Assert.Equal(VirtualWorkflowHost.Beijing("2016-03-22T09:00"), Assert.Single(await NoticesAsync(host, lhasa, "reminder")).CreatedAt);
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(lhasa, VirtualWorkflowHost.Json("""{"summary":"修改稿"}"""), "lhasa"));
        Assert.Equal([1, 2], (await host.Tasks.GetSubmissionsAsync(lhasa)).Select(s => s.Revision));
        await host.RunUntilAsync("2016-04-30T00:00");
        Assert.Single(await NoticesAsync(host, lhasa, "reminder"));
        Assert.Empty(await NoticesAsync(host, lhasa, "overdue"));
        Assert.Contains(await host.JournalAsync(instance), j => j.Event == "task-returned");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Return_WhereTheDefinitionDoesNotAllowIt_OrOnceTheActivityMovedOn_Refused(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-03-01T09:00");
        await host.PublishJsonAsync(Definition.Replace("\"allowReturn\": true", "\"allowReturn\": false", StringComparison.Ordinal));
        var started = await host.Runtime.StartAsync(Id);
        var tasks = (await host.TasksAsync(started.InstanceId)).ToDictionary(t => t.AssigneePartyId, t => t.Id);
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(tasks["lhasa"], VirtualWorkflowHost.Json("""{"summary":"初稿"}"""), "lhasa"));
        Assert.Equal(TaskActionResult.NotAllowed, await host.Tasks.ReturnAsync(tasks["lhasa"], new DateOnly(2016, 3, 25), "不允许", "operator"));
        Assert.Equal(TaskState.Submitted, (await host.Tasks.GetAsync(tasks["lhasa"]))!.Status);

        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(tasks["nagqu"], VirtualWorkflowHost.Json("""{"summary":"初稿"}"""), "nagqu"));
        Assert.Equal(TaskActionResult.Accepted, await host.Tasks.CompleteAsync(tasks["ngari"], VirtualWorkflowHost.Json("""{"summary":"初稿"}"""), "ngari"));
        Assert.Equal(TaskActionResult.AlreadyCompleted, await host.Tasks.ReturnAsync(tasks["lhasa"], new DateOnly(2016, 3, 25), "已办结", "operator"));
        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.Status);
    }

    private static async Task<(Guid Instance, Dictionary<string, Guid> Tasks)> StartAsync(VirtualWorkflowHost host)
    {
        await host.PublishJsonAsync(Definition);
        var started = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        return (started.InstanceId, (await host.TasksAsync(started.InstanceId)).ToDictionary(t => t.AssigneePartyId, t => t.Id));
    }

    private static async Task<Guid> InstanceOfAsync(VirtualWorkflowHost host, Guid taskId) => (await host.Tasks.GetAsync(taskId))!.InstanceId;

    private static async Task<List<NoticeRecord>> NoticesAsync(VirtualWorkflowHost host, Guid taskId, string template) =>
        (await host.NoticesAsync()).Where(n => n.TaskId == taskId && n.TemplateKey == template).ToList();

    private static async Task<int> CountAsync(VirtualWorkflowHost host, Guid taskId, string template) => (await NoticesAsync(host, taskId, template)).Count;
}
