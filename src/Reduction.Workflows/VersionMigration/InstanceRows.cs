using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.VersionMigration;

/// <summary>The rows of one instance a migration plan reads: its tasks, all its timers (fired ones tell what already
/// happened), its open bookmarks and the idempotency keys of its notices (what was already sent).</summary>
internal sealed record InstanceRows(List<TaskRecord> Tasks, List<TimerRecord> Timers, List<BookmarkRecord> OpenBookmarks, IReadOnlySet<string> SentKeys)
{
    /// <param name="tracked">Tracked for applying in a burst; untracked for a preview.</param>
    public static async Task<InstanceRows> LoadAsync(WorkflowDbContext db, Guid instanceId, bool tracked, CancellationToken cancellationToken)
    {
        var tasks = db.Tasks.Where(t => t.InstanceId == instanceId);
        var timers = db.Timers.Where(t => t.InstanceId == instanceId && t.TaskId != null && t.Status != TimerStatus.Cancelled);
        var bookmarks = db.Bookmarks.Where(b => b.InstanceId == instanceId && b.ConsumedAt == null);
        if (!tracked)
        {
            tasks = tasks.AsNoTracking();
            timers = timers.AsNoTracking();
            bookmarks = bookmarks.AsNoTracking();
        }

        var keys = await db.Notices.AsNoTracking().Where(n => n.InstanceId == instanceId && n.TaskId != null).Select(n => n.IdempotencyKey).ToListAsync(cancellationToken);
        return new InstanceRows(
            await tasks.ToListAsync(cancellationToken),
            await timers.ToListAsync(cancellationToken),
            await bookmarks.ToListAsync(cancellationToken),
            keys.ToHashSet(StringComparer.Ordinal));
    }
}
