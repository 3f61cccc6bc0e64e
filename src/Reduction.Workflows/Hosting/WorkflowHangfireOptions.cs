namespace Reduction.Workflows.Hosting;

/// <summary>How the runtime's jobs run (section `Hangfire`).</summary>
public sealed class WorkflowHangfireOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>How often each server looks for due timers (and Hangfire for due delayed jobs); bounds how late a timer fires.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most due timers one server claims per poll.</summary>
    public int TimerBatchSize { get; set; } = 200;

    /// <summary>Instances whose claimed timers one server fires at once (each a burst on its own connection); one
    /// instance's timers fire one after the other, in due order.</summary>
    public int TimerParallelism { get; set; } = 8;

    /// <summary>How often idle workers look for queued jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Notices handed to Hangfire within this long of each other share one delivery job (a burst never waits
    /// for it). Zero creates a job as soon as the previous one is stored.</summary>
    public TimeSpan NoticeHandOffDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the sweep re-arms lost timers and re-dispatches pending effects.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Workers per server; 0 keeps Hangfire's default (five per core, at most 20).</summary>
    public int WorkerCount { get; set; }

    /// <summary>A Hangfire lock held longer than this is taken for abandoned (its holder was killed) and broken. Hangfire.PostgreSql
    /// keeps lock rows in a table, so a process killed while holding one (the delayed-job poller takes one five times a
    /// second) would otherwise stop every timer for its default of ten minutes. Real holds last milliseconds.</summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A job fetched by a server that died is given to another server after this long. Sliding: a running job's
    /// server keeps extending it, so long jobs are not run twice.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hangfire's SQLite file when no PostgreSQL is configured; empty means `hangfire.db` next to the app database.</summary>
    public string? SqlitePath { get; set; }
}
