using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Execution;

/// <summary>A cron trigger that missed occurrences (server down, clock moved on) fires once, for the latest; an
/// occurrence the host refuses starts nothing, is logged, and the trigger waits for its next one.</summary>
public sealed class CronCatchUpTests
{
    private const string Daily = """
        {
          "id": "daily-report",
          "name": "每日报表（测试）",
          "variables": [{ "name": "year", "type": "number" }],
          "triggers": [{ "kind": "cron", "cron": "0 9 * * *", "timeZone": "Asia/Shanghai", "correlationKey": "daily:{{ trigger.date }}", "input": { "year": "{{ trigger.year }}" } }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "end", "type": "End" }
          ],
          "connections": [{ "from": "start", "outcome": "done", "to": "end" }]
        }
        """;

    private const string Yearly = """
        {
          "id": "yearly-cycle",
          "name": "年度周期（测试）",
          "variables": [{ "name": "year", "type": "number" }],
          "triggers": [{ "kind": "cron", "cron": "0 9 5 1 *", "timeZone": "Asia/Shanghai", "correlationKey": "yearly:{{ trigger.year }}", "input": { "year": "{{ trigger.year }}" } }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "end", "type": "End" }
          ],
          "connections": [{ "from": "start", "outcome": "done", "to": "end" }]
        }
        """;

    [Fact]
    public async Task FireTimerAsync_CronMissedThreeOccurrences_StartsOneInstanceForTheLatest()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2015-03-01T08:00");
        await host.PublishJsonAsync(Daily);

        host.Clock.SetUtcNow(VirtualWorkflowHost.Beijing("2015-03-03T10:00")); // 1, 2 and 3 March at 09:00 are due
        await host.Scheduler.RunPendingAsync();

        var instance = Assert.Single(await host.Runtime.StoredInstancesAsync("daily-report"));
        Assert.Equal("daily:2015-03-03", instance.CorrelationKey);
        var timers = await CronTimersAsync(host.Database);
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-03-01T09:00"), Assert.Single(timers, t => t.Status == TimerStatus.Fired).DueAt);
        Assert.Equal(VirtualWorkflowHost.Beijing("2015-03-04T09:00"), Assert.Single(timers, t => t.Status == TimerStatus.Pending).DueAt);
    }

    [Fact]
    public void LatestOccurrence_MinutelyCronAYearLate_TheLastMinute()
    {
        var cron = Cronos.CronExpression.Parse("* * * * *");
        var first = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var latest = CronTimers.LatestOccurrence(cron, BeijingTime.Zone, first, first.AddDays(365).AddSeconds(30));

        Assert.Equal(first.AddDays(365), latest);
        Assert.Equal(first, CronTimers.LatestOccurrence(cron, BeijingTime.Zone, first, first.AddSeconds(59)));
    }

    [Fact]
    public async Task FireTimerAsync_OccurrenceTheHostRefuses_StartsNothingLogsAndWaitsForTheNext()
    {
        using var file = new SqliteTestDatabase();
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = file.ConnectionString });
        await database.MigrateAsync();
        var clock = new FakeTimeProvider(VirtualWorkflowHost.Beijing("2015-01-05T08:00"));
        var scheduler = new VirtualClockScheduler(clock.GetUtcNow, clock.SetUtcNow);
        var log = new ListLogger();
        var runtime = new WorkflowRuntime(database, scheduler, clock, OfficialCalendar.LoadDefault(), PartyDirectory.LoadDefault(),
            logger: log, triggerCheck: new YearsOnly(2015, 2017));
        scheduler.Runtime = runtime;
        await runtime.Definitions.PublishAsync(DefinitionJson.Parse(Yearly, "test"));

        clock.SetUtcNow(VirtualWorkflowHost.Beijing("2016-01-05T10:00")); // 2015 and 2016 missed; 2016 is refused
        await scheduler.RunPendingAsync();

        Assert.Empty(await runtime.StoredInstancesAsync("yearly-cycle"));
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("skipped its occurrence 2016-01-05T09:00:00.0000000+08:00", StringComparison.Ordinal) && l.Text.Contains("2016年不在考核范围", StringComparison.Ordinal));
        Assert.Equal(VirtualWorkflowHost.Beijing("2017-01-05T09:00"), Assert.Single(await CronTimersAsync(database), t => t.Status == TimerStatus.Pending).DueAt);

        await scheduler.RunUntilAsync(VirtualWorkflowHost.Beijing("2017-01-05T09:30"));

        Assert.Equal("yearly:2017", Assert.Single(await runtime.StoredInstancesAsync("yearly-cycle")).CorrelationKey);
    }

    private static async Task<List<TimerRecord>> CronTimersAsync(WorkflowDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Timers.AsNoTracking().Where(t => t.Purpose == "cron").ToListAsync();
    }

    /// <summary>The host's rule in this test: only the given years start.</summary>
    private sealed class YearsOnly(params int[] years) : ITriggerStartCheck
    {
        public ValueTask<string?> RefusalAsync(TriggeredStart start, CancellationToken cancellationToken = default)
        {
            var year = int.Parse(start.Input["year"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.FromResult(years.Contains(year) ? null : $"{year}年不在考核范围");
        }
    }

    private sealed class ListLogger : ILogger<WorkflowRuntime>
    {
        private readonly Lock _lock = new();
        private readonly List<(LogLevel Level, string Text)> _lines = [];

        public List<(LogLevel Level, string Text)> Lines
        {
            get
            {
                lock (_lock)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lock)
            {
                _lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
