using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Execution;

/// <summary>Hands new timers to a scheduler that takes them one by one and records the job ids; best effort, since the
/// rows are the arrangement and the sweep arms what is missed.</summary>
internal sealed class TimerArming(WorkflowDatabase database, IWorkflowScheduler scheduler, Func<DateTimeOffset> utcNow, ILogger logger)
{
    public void Arm(IEnumerable<TimerRecord> timers)
    {
        if (scheduler.PollsTimers)
        {
            return; // the rows are the arrangement: every server's pump finds them when due
        }

        var armed = new List<(Guid Id, string JobId)>();
        try
        {
            foreach (var timer in timers.Where(t => t.Status == TimerStatus.Pending))
            {
                if (scheduler.ScheduleTimer(timer.Id, timer.DueAt) is { } jobId)
                {
                    armed.Add((timer.Id, jobId));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Timers are rows: one not handed over (no job id) is armed by the sweep once the scheduler is back.
            logger.LogWarning(e, "Could not hand timers to the scheduler; the sweep will arm them");
        }

        if (armed.Count == 0)
        {
            return;
        }

        // Best effort: a timer whose job id is not recorded is simply armed again by the sweep.
        try
        {
            // One transaction for the burst's timers: one commit (on SQLite one wait for the disk), not one per timer.
            using var db = database.CreateContext();
            using var transaction = armed.Count > 1 ? db.Database.BeginTransaction() : null;
            var now = utcNow();
            foreach (var (id, jobId) in armed)
            {
                db.Timers.Where(t => t.Id == id).ExecuteUpdate(s => s.SetProperty(t => t.JobId, jobId).SetProperty(t => t.ArmedAt, now));
            }

            transaction?.Commit();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Could not record armed timers; the sweep will arm them again");
        }
    }
}
