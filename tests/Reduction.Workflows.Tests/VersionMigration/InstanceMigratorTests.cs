using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;
using Reduction.Workflows.VersionMigration;

namespace Reduction.Workflows.Tests.VersionMigration;

/// <summary>Moving running instances between published versions (issue 12, item 7), on PostgreSQL and SQLite: tasks
/// kept, deadlines, reminders and escalations recomputed, nothing already sent sent again, refusals with reasons,
/// a preview that changes nothing and an apply that is safe to repeat.</summary>
public class InstanceMigratorTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Id = "migrate-test";

    // Due Sunday 15 March 2015: reminders Wed 11th and Sat 14th 09:00; escalations 16th 00:00, Wed 18th and Fri 20th 09:00.
    private const string Version1 = """
        {
          "id": "migrate-test",
          "name": "年度计划（迁移测试）",
          "variables": [{ "name": "year", "type": "number", "default": 2015 }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "displayName": "报送年度计划", "inputs": {
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

    /// <summary>Version 1 with the deadline a week later (Sunday 22 March): reminders Wed 18th and Sat 21st,
    /// escalations 23rd 00:00, Wed 25th and Fri 27th 09:00.</summary>
    private static readonly string LaterDue = Version1.Replace("\"due\": \"day:03-15\"", "\"due\": \"day:03-22\"", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Apply_LaterDueRule_TaskKeptTimersRecomputedSentReminderNotSentAgain(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var started = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-12T10:00"); // the first reminder (11th) is sent, the second (14th) is not yet
        var before = Assert.Single(await host.TasksAsync(started.InstanceId));
        await host.PublishJsonAsync(LaterDue);

        var report = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2), new AuditActor("designer-admin", "epb", null));
        await host.RunUntilAsync("2015-04-30T00:00");

        var moved = Assert.Single(report.Instances);
        Assert.Equal((started.InstanceId, true, true, (string?)null), (moved.InstanceId, moved.CanMigrate, moved.Migrated, moved.Reason));
        var due = Assert.Single(moved.Changes, c => c.Kind == MigrationChangeKinds.DueChanged);
        Assert.Equal("拉萨市的期限：3月15日 23:59 → 3月22日 23:59", due.Message);
        Assert.Equal(("2015-03-15T23:59:59+08:00", "2015-03-22T23:59:59+08:00"), (due.Old, due.New));
        Assert.Contains(moved.Changes, c => c.Kind == MigrationChangeKinds.TaskKept && c.TaskId == before.Id);
        Assert.Contains(moved.Changes, c => c.Kind == MigrationChangeKinds.ReminderAlreadySent && c.Message.StartsWith("第 1 次提醒", StringComparison.Ordinal));
        Assert.Contains(moved.Changes, c => c.Kind == MigrationChangeKinds.ReminderRecomputed && c.Message == "第 2 次提醒：3月14日 09:00 → 3月21日 09:00");
        Assert.Equal(3, moved.Changes.Count(c => c.Kind == MigrationChangeKinds.EscalationRecomputed));

        // After the move: the same task with the new deadline; the reminder already sent is not sent again at its
        // new instant (18th); nothing fires at the old instants (14th, 16th, 18th, 20th).
        Assert.Equal(
            [
                ("task-issued", "2015-02-16 09:00"),
                ("reminder", "2015-03-11 09:00"),
                ("reminder", "2015-03-21 09:00"),
                ("overdue", "2015-03-23 00:00"),
                ("escalation", "2015-03-25 09:00"),
                ("escalation", "2015-03-27 09:00"),
            ],
            await NoticeTimesAsync(host));
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));
        Assert.Equal(before.Id, task.Id);
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-03-22T23:59:59"), task.DueAt);
        Assert.Equal(TaskState.Overdue, task.Status);
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal((2, InstanceStatus.Running), (instance!.DefinitionVersion, instance.Status));
        var journal = Assert.Single(await host.JournalAsync(started.InstanceId), j => j.Event == "migrated");
        Assert.Contains("v1", journal.Message, StringComparison.Ordinal);
        Assert.Contains("v2", journal.Message, StringComparison.Ordinal);
        var recorded = System.Text.Json.Nodes.JsonNode.Parse(journal.DataJson!)!["changes"]!.AsArray();
        Assert.Contains(recorded, c => c!["message"]!.GetValue<string>() == due.Message && c["old"]!.GetValue<string>() == due.Old);
        var audit = await new AuditLog(host.Database, host.Clock).QueryAsync(new AuditQuery(Action: "workflow.migrate"));
        var entry = Assert.Single(audit);
        Assert.Equal(("designer-admin", started.InstanceId.ToString()), (entry.User, entry.TargetId));
        Assert.Contains("from=1; to=2", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Apply_OverdueTaskMovedToLaterDue_OpenAgainEscalationAlreadySentNotRepeated(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var started = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-17T10:00"); // both reminders and the first escalation (overdue, 16th) are sent
        await host.PublishJsonAsync(LaterDue);

        var report = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2), AuditActor.System);
        var reopened = Assert.Single(await host.TasksAsync(started.InstanceId));
        await host.RunUntilAsync("2015-04-30T00:00");

        var moved = Assert.Single(report.Instances);
        Assert.True(moved.Migrated);
        Assert.Contains(moved.Changes, c => c.Kind == MigrationChangeKinds.OverdueLifted);
        Assert.Equal(2, moved.Changes.Count(c => c.Kind == MigrationChangeKinds.ReminderAlreadySent));
        Assert.Single(moved.Changes, c => c.Kind == MigrationChangeKinds.EscalationAlreadySent);
        Assert.Equal(TaskState.Open, reopened.Status);
        Assert.Equal(
            [
                ("task-issued", "2015-02-16 09:00"),
                ("reminder", "2015-03-11 09:00"),
                ("reminder", "2015-03-14 09:00"),
                ("overdue", "2015-03-16 00:00"),
                ("escalation", "2015-03-25 09:00"),
                ("escalation", "2015-03-27 09:00"),
            ],
            await NoticeTimesAsync(host));
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));
        Assert.Equal(TaskState.Overdue, task.Status); // late again from the new deadline on
        var journal = await host.JournalAsync(started.InstanceId);
        Assert.Equal(2, journal.Count(j => j.Event == "task-overdue"));
        Assert.DoesNotContain(journal, j => j.Event is "incident" or "faulted");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Apply_StepsWhoseNewInstantPassed_EscalationSentAtOnceReminderSkipped(string provider)
    {
        // Version 2 keeps the deadline (15 March) and adds a third reminder (days:-2, the 13th) and a fourth
        // escalation (workdays:+4, Thursday 19th 09:00); the move happens on the 19th at 10:00, after both.
        var version2 = Version1
            .Replace("{ \"offset\": \"days:-1\" } ]", "{ \"offset\": \"days:-1\" }, { \"offset\": \"days:-2\" } ]", StringComparison.Ordinal)
            .Replace("{ \"after\": \"workdays:+5\", \"recipientRoles\": [\"government\"] }", "{ \"after\": \"workdays:+5\", \"recipientRoles\": [\"government\"] }, { \"after\": \"workdays:+4\", \"recipientRoles\": [\"government\"] }", StringComparison.Ordinal);
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var started = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-19T10:00");
        await host.PublishJsonAsync(version2);

        var report = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2), AuditActor.System);
        await host.RunUntilAsync("2015-04-30T00:00");

        var moved = Assert.Single(report.Instances);
        Assert.True(moved.Migrated);
        var now = Assert.Single(moved.Changes, c => c.Kind == MigrationChangeKinds.EscalationDueNow);
        Assert.Equal("新增第 4 次督办：3月19日 09:00，时间已过，迁移后立即发送", now.Message);
        Assert.DoesNotContain(moved.Changes, c => c.Kind == MigrationChangeKinds.ReminderAdded);
        Assert.Equal(
            [
                ("task-issued", "2015-02-16 09:00"),
                ("reminder", "2015-03-11 09:00"),
                ("reminder", "2015-03-14 09:00"),
                ("overdue", "2015-03-16 00:00"),
                ("escalation", "2015-03-18 09:00"),
                ("escalation", "2015-03-19 10:00"), // the new fourth step, at once
                ("escalation", "2015-03-20 09:00"),
            ],
            await NoticeTimesAsync(host));
        Assert.DoesNotContain(await host.JournalAsync(started.InstanceId), j => j.Event is "incident" or "faulted");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Apply_InstanceFromBeforeTheYearWasKept_RecomputesFromTheYearExpressionAndTheIssueDay(string provider)
    {
        // Version 2 counts 20 working days in Lhasa's calendar from the anchor: the day the tasks were issued (16 Feb),
        // not the day of the move (2 March).
        var relative = Version1.Replace("\"due\": \"day:03-15\"", "\"due\": \"workdays:+20\"", StringComparison.Ordinal);
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var started = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-02T10:00");
        await ForgetYearAndAnchorAsync(host, started.InstanceId);
        await host.PublishJsonAsync(relative);

        var report = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2), AuditActor.System);

        Assert.True(Assert.Single(report.Instances).Migrated);
        var expected = DeadlineRule.Parse("workdays:+20").Resolve(new DeadlineContext(2015, new DateOnly(2015, 2, 16), "lhasa"), host.Calendar);
        var fromTheMove = DeadlineRule.Parse("workdays:+20").Resolve(new DeadlineContext(2015, new DateOnly(2015, 3, 2), "lhasa"), host.Calendar);
        Assert.NotEqual(expected.DueInstant, fromTheMove.DueInstant);
        Assert.Equal(expected.DueInstant, Assert.Single(await host.TasksAsync(started.InstanceId)).DueAt);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_ChangesNothing_ApplyTwice_SecondRefusedNoDuplicateTimers(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var started = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.RunUntilAsync("2015-03-12T10:00");
        await host.PublishJsonAsync(LaterDue);
        var rowsBefore = await SnapshotAsync(host, started.InstanceId);

        var preview = await host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 2));
        var rowsAfterPreview = await SnapshotAsync(host, started.InstanceId);
        var first = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2, Instances: [started.InstanceId]), AuditActor.System);
        var timersAfterFirst = await host.TimersAsync(started.InstanceId);
        var second = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2, Instances: [started.InstanceId]), AuditActor.System);
        var all = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2), AuditActor.System);

        var planned = Assert.Single(preview.Instances);
        Assert.True(planned.CanMigrate);
        Assert.Null(planned.Migrated);
        Assert.Equal(rowsBefore, rowsAfterPreview);
        Assert.Equal(
            planned.Changes.Select(c => (c.Kind, c.Message)),
            Assert.Single(first.Instances).Changes.Select(c => (c.Kind, c.Message)));
        var again = Assert.Single(second.Instances);
        Assert.Equal((false, false), (again.CanMigrate, again.Migrated));
        Assert.Equal("实例已在目标版本 v2 上，无需再迁移。", again.Reason);
        Assert.Empty(all.Instances); // "all" means the instances still on the source version
        var timers = await host.TimersAsync(started.InstanceId);
        Assert.Equal(timersAfterFirst.Select(t => (t.Id, t.Status)), timers.Select(t => (t.Id, t.Status)));
        var pending = timers.Where(t => t.Status == TimerStatus.Pending).ToList();
        Assert.Equal(pending.Count, pending.Select(t => (t.Purpose, t.PayloadJson)).Distinct().Count());
        Assert.Equal(5, pending.Count); // the second reminder, the due transition and three escalations
        Assert.Single(await host.JournalAsync(started.InstanceId), j => j.Event == "migrated");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_WaitingActivityRemoved_RefusedWithReason_MappingMovesItAndTheAnswerCompletes(string provider)
    {
        var renamed = LaterDue
            .Replace("\"id\": \"plan\"", "\"id\": \"plan-2016\"", StringComparison.Ordinal)
            .Replace("\"to\": \"plan\"", "\"to\": \"plan-2016\"", StringComparison.Ordinal)
            .Replace("\"from\": \"plan\"", "\"from\": \"plan-2016\"", StringComparison.Ordinal);
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var started = await host.Runtime.StartAsync(Id);
        var finished = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.Runtime.CancelAsync(finished.InstanceId, "测试");
        await host.PublishJsonAsync(renamed);

        var refused = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2, Instances: [started.InstanceId, finished.InstanceId, Guid.NewGuid()]), AuditActor.System);
        var versionAfterRefusal = (await host.Runtime.StoredInstanceAsync(started.InstanceId))!.DefinitionVersion;
        var preview = await host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 2, Mapping: new Dictionary<string, string> { ["plan"] = "plan-2016" }));
        var moved = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest(Id, 1, 2, Mapping: new Dictionary<string, string> { ["plan"] = "plan-2016" }), AuditActor.System);
        var task = Assert.Single(await host.TasksAsync(started.InstanceId));
        var answer = await host.Tasks.CompleteAsync(task.Id, VirtualWorkflowHost.Json("""{"summary":"计划"}"""), "lhasa-user");
        await host.Scheduler.RunPendingAsync();

        Assert.Equal(3, refused.Instances.Count);
        Assert.All(refused.Instances, i => Assert.Equal((false, false), (i.CanMigrate, i.Migrated)));
        Assert.Equal("等待中的活动“报送年度计划（plan）”在目标版本 v2 中没有对应活动：已删除或改名，请在映射中指定目标活动。", refused.Instances[0].Reason);
        Assert.Contains("已取消", refused.Instances[1].Reason, StringComparison.Ordinal);
        Assert.Equal("没有此实例。", refused.Instances[2].Reason);
        Assert.Equal(1, versionAfterRefusal);
        var planned = Assert.Single(preview.Instances); // the cancelled instance is not among "all"
        Assert.Contains(planned.Changes, c => c.Kind == MigrationChangeKinds.ActivityMapped && c.Old == "plan" && c.New == "plan-2016");
        Assert.True(Assert.Single(moved.Instances).Migrated);
        Assert.Equal("plan-2016", task.ActivityId);
        Assert.Equal(Reduction.Workflows.Tasks.TaskActionResult.Accepted, answer);
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal((2, InstanceStatus.Completed), (instance!.DefinitionVersion, instance.Status));
        Assert.Contains("\"plans\"", instance.StateJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Apply_WaitingAtADelay_KeepsItsTimer(string provider)
    {
        static string Pause(string duration) => $$"""
            {
              "id": "migrate-pause",
              "name": "等待（迁移测试）",
              "triggers": [{ "kind": "manual" }],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "pause", "type": "Delay", "inputs": { "duration": "{{duration}}" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "pause" },
                { "from": "pause", "outcome": "done", "to": "end" }
              ]
            }
            """;
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Pause("P10D"));
        var started = await host.Runtime.StartAsync("migrate-pause");
        await host.Scheduler.RunPendingAsync();
        var timersBefore = await host.TimersAsync(started.InstanceId);
        await host.PublishJsonAsync(Pause("P20D"));

        var report = await host.Runtime.Migrations.ApplyAsync(new MigrationRequest("migrate-pause", 1, 2), AuditActor.System);
        var timersAfter = await host.TimersAsync(started.InstanceId);
        await host.RunUntilAsync("2015-02-27T00:00");

        var moved = Assert.Single(report.Instances);
        Assert.True(moved.Migrated);
        Assert.Equal(MigrationChangeKinds.WaitKept, Assert.Single(moved.Changes).Kind);
        Assert.Equal(timersBefore.Select(t => (t.Id, t.DueAt, t.Status)), timersAfter.Select(t => (t.Id, t.DueAt, t.Status)));
        var instance = await host.Runtime.StoredInstanceAsync(started.InstanceId);
        Assert.Equal((2, InstanceStatus.Completed), (instance!.DefinitionVersion, instance.Status));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_FilteredByPartyAndState_OnlyMatchingInstances(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        var lhasa = await host.Runtime.StartAsync(Id);
        var suspended = await host.Runtime.StartAsync(Id);
        await host.Scheduler.RunPendingAsync();
        await host.Runtime.SuspendAsync(suspended.InstanceId);
        await host.PublishJsonAsync(LaterDue);

        var byParty = await host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 2, Party: "拉萨市"));
        var byOtherParty = await host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 2, Party: "shigatse"));
        var byState = await host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 2, State: InstanceStatus.Suspended));

        Assert.Equal([lhasa.InstanceId, suspended.InstanceId], byParty.Instances.Select(i => i.InstanceId));
        Assert.Empty(byOtherParty.Instances);
        Assert.Equal(suspended.InstanceId, Assert.Single(byState.Instances).InstanceId);
        Assert.True(byState.Instances[0].CanMigrate);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_BadRequests_RefusedWithoutPlanning(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-02-16T09:00");
        await host.PublishJsonAsync(Version1);
        await host.PublishJsonAsync(LaterDue);

        var same = await Assert.ThrowsAsync<MigrationRequestException>(() => host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 2, 2)));
        var badMapping = await Assert.ThrowsAsync<MigrationRequestException>(() => host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 2, Mapping: new Dictionary<string, string> { ["plan"] = "no-such-activity" })));
        await Assert.ThrowsAsync<Reduction.Workflows.Execution.WorkflowNotFoundException>(() => host.Runtime.Migrations.PreviewAsync(new MigrationRequest(Id, 1, 7)));
        await Assert.ThrowsAsync<Reduction.Workflows.Execution.WorkflowNotFoundException>(() => host.Runtime.Migrations.PreviewAsync(new MigrationRequest("no-such-workflow", 1, 2)));

        Assert.Contains("相同", same.Message, StringComparison.Ordinal);
        Assert.Equal("映射的第 1 项：目标活动不在版本 v2 中。", badMapping.Message);
    }

    private static async Task<List<(string TemplateKey, string At)>> NoticeTimesAsync(VirtualWorkflowHost host) =>
        (await host.NoticesAsync()).Select(n => (n.TemplateKey, BeijingTime.ToBeijing(n.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).ToList();

    /// <summary>Makes the instance look as one issued before IssueTask kept its year and anchor.</summary>
    private static async Task ForgetYearAndAnchorAsync(VirtualWorkflowHost host, Guid instanceId)
    {
        await using var db = host.Database.CreateContext();
        var instance = await db.Instances.SingleAsync(i => i.Id == instanceId);
        var state = Reduction.Workflows.Execution.InstanceState.Parse(instance.StateJson);
        Assert.True(state.Activities["plan"].Data.Remove("cycleYear"));
        Assert.True(state.Activities["plan"].Data.Remove("anchor"));
        instance.StateJson = state.ToJson();
        await db.SaveChangesAsync();
    }

    /// <summary>Every stored row a migration could touch, as text.</summary>
    private static async Task<string> SnapshotAsync(VirtualWorkflowHost host, Guid instanceId)
    {
        await using var db = host.Database.CreateContext();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync();
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).OrderBy(b => b.Id).ToListAsync();
        var journal = await db.Journal.AsNoTracking().CountAsync(j => j.InstanceId == instanceId);
        var audit = await db.Set<AuditRecord>().AsNoTracking().CountAsync();
        return string.Join('\n', new[]
        {
            $"{instance.DefinitionVersion} {instance.Status} {instance.Revision} {instance.StateJson}",
            string.Join(';', tasks.Select(t => $"{t.Id} {t.ActivityId} {t.Status} {t.DueAt:O} {t.LateFrom:O} {t.Version}")),
            string.Join(';', timers.OrderBy(t => t.Id).Select(t => $"{t.Id} {t.Purpose} {t.Status} {t.DueAt:O} {t.PayloadJson}")),
            string.Join(';', bookmarks.Select(b => $"{b.Id} {b.ActivityId} {b.ConsumedAt:O}")),
            $"journal={journal} audit={audit}",
        });
    }
}
