using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Support;

/// <summary>The promises of a durable runtime, checked on everything instances of the given definitions (and their
/// children) left behind: every instance completed; every timer fired once, never before its due instant, none left
/// pending; every notice and effect recorded once by its idempotency key, every notice delivered; every task
/// answered once.</summary>
internal static class DrillChecks
{
    /// <summary>Delivery's own alert about a dead-lettered notice: not queued by a workflow, so not in the journal.</summary>
    public const string AlertTemplate = "delivery-failed";

    public static async Task<DrillReport> VerifyAsync(DrillDatabase database, params string[] definitionIds)
    {
        await using var db = database.Context();
        var instances = await db.Instances.AsNoTracking().Where(i => definitionIds.Contains(i.DefinitionId)).ToListAsync();
        var ids = instances.Select(i => i.Id).ToList();
        Assert.NotEmpty(instances);

        var unfinished = instances.Where(i => i.Status != InstanceStatus.Completed).ToList();
        Assert.True(unfinished.Count == 0, $"{unfinished.Count} of {instances.Count} instances not completed, e.g.:\n" +
            string.Join('\n', unfinished.Take(5).Select(i => $"{i.Id} {i.DefinitionId} {i.Status} {i.Incident} {Waiting(i)}")));

        // Timers: fired once, never early; none left behind.
        var timers = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync();
        var pending = timers.Where(t => t.Status == TimerStatus.Pending).ToList();
        Assert.True(pending.Count == 0, $"{pending.Count} timers still pending, e.g. {string.Join(", ", pending.Take(5).Select(t => $"{t.Purpose} due {t.DueAt:O}"))}");
        var fired = timers.Where(t => t.Status == TimerStatus.Fired).ToList();
        var early = fired.Where(t => t.FiredAt is null || t.FiredAt < t.DueAt).ToList();
        Assert.True(early.Count == 0, $"{early.Count} timers fired before their due instant, e.g. {string.Join(", ", early.Take(5).Select(t => $"{t.Id} due {t.DueAt:O} fired {t.FiredAt:O}"))}");
        var firings = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId) && j.Event == "timer-fired").Select(j => j.DataJson).ToListAsync())
            .Select(json => Guid.Parse(JsonNode.Parse(json!)!["timerId"]!.GetValue<string>()))
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());
        var twice = firings.Where(f => f.Value != 1).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} timers acted more than once");
        Assert.Equal(fired.Select(t => t.Id).Order(), firings.Keys.Order());

        // Notices: delivered (to the pickup folder), none lost in a crash; the last ones may still be in their lease.
        await Eventually.TrueAsync(
            async () =>
            {
                await using var probe = database.Context();
                return !await probe.Notices.AnyAsync(n => n.InstanceId != null && ids.Contains(n.InstanceId.Value) && n.Status == NoticeStatus.Pending);
            },
            TimeSpan.FromSeconds(90),
            "every notice delivered",
            TimeSpan.FromSeconds(1));

        // Notices: one row per idempotency key, as many as the journal says were queued.
        Assert.True(await database.HasUniqueIndexAsync("notice_outbox", "IdempotencyKey"), "notice_outbox has no unique index on its idempotency key");
        var notices = await db.Notices.AsNoTracking().Where(n => n.InstanceId != null && ids.Contains(n.InstanceId.Value) && n.TemplateKey != AlertTemplate).ToListAsync();
        Assert.Equal(notices.Count, notices.Select(n => n.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
        var undelivered = notices.Where(n => n.Status != NoticeStatus.Sent).ToList();
        Assert.True(undelivered.Count == 0, $"{undelivered.Count} notices not sent, e.g. {string.Join("; ", undelivered.Take(3).Select(n => $"{n.TemplateKey} {n.Status} {n.LastError}"))}");
        var queued = await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId) && j.Event == "notice-queued")
            .GroupBy(j => j.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        foreach (var instance in instances)
        {
            Assert.True(queued.GetValueOrDefault(instance.Id) == notices.Count(n => n.InstanceId == instance.Id),
                $"instance {instance.Id}: journal queued {queued.GetValueOrDefault(instance.Id)} notices, outbox holds {notices.Count(n => n.InstanceId == instance.Id)}");
        }

        // Effects (child starts, parent resumes): one row per key, all done, one child per parent activity.
        Assert.True(await database.HasUniqueIndexAsync("workflow_effects", "IdempotencyKey"), "workflow_effects has no unique index on its idempotency key");
        // An effect is marked done after the change it made commits; a kill or an outage in between leaves it pending
        // until the sweep runs it again (a no-op for the change, then the mark), possibly after its instance finished.
        var keys = ids.Select(id => id.ToString("N")).ToList();
        async Task<List<EffectRecord>> EffectsAsync()
        {
            await using var probe = database.Context();
            return (await probe.Effects.AsNoTracking().ToListAsync()).Where(e => keys.Contains(e.IdempotencyKey.Split(':')[0])).ToList();
        }

        try
        {
            await Eventually.TrueAsync(
                async () => (await EffectsAsync()).All(e => e.Status == EffectStatus.Done),
                TimeSpan.FromSeconds(90),
                "every effect done",
                TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            // The assertion below names the effects still pending.
        }

        var effects = await EffectsAsync();
        Assert.All(effects, e => Assert.Equal(EffectStatus.Done, e.Status));
        var children = instances.Where(i => i.ParentInstanceId is not null).GroupBy(i => i.ParentInstanceId!.Value).ToList();
        Assert.All(children, g => Assert.Single(g));
        Assert.Equal(2 * children.Count, effects.Count);

        // Tasks: answered once each.
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync();
        var taskIds = tasks.Select(t => t.Id).ToList();
        var submissions = await db.TaskSubmissions.AsNoTracking().Where(s => taskIds.Contains(s.TaskId)).GroupBy(s => s.TaskId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.All(tasks, t =>
        {
            Assert.Equal(TaskState.Submitted, t.Status);
            Assert.Equal(1, t.Revisions);
            Assert.Equal(1, submissions.GetValueOrDefault(t.Id));
        });

        // Lateness counts from when a timer could first fire: some are created already due (a deadline in the past).
        var lateness = fired.Count == 0 ? TimeSpan.Zero : fired.Max(t => t.FiredAt!.Value - (t.DueAt > t.CreatedAt ? t.DueAt : t.CreatedAt));
        return new DrillReport(instances.Count, fired.Count, timers.Count(t => t.Status == TimerStatus.Cancelled), lateness, notices.Count,
            notices.Count(n => n.Status == NoticeStatus.Sent), notices.Count(n => n.Status == NoticeStatus.DeadLetter), effects.Count, tasks.Count);
    }

    private static string Waiting(InstanceRecord instance) =>
        "waiting at " + string.Join(",", InstanceState.Parse(instance.StateJson).WaitingActivities);
}
