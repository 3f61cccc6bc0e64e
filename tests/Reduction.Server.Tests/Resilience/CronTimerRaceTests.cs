using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>The same cron timer fired at once by two servers (two runtimes on one database), as happens when the
/// sweep re-arms a timer whose first job is still running elsewhere: one start, one next occurrence.</summary>
public sealed class CronTimerRaceTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task CronTimer_FiredConcurrentlyByTwoServers_OneInstanceOneNextTimer()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var serverA = Runtime(connectionString);
        await using var serverB = Runtime(connectionString);
        var a = serverA.GetRequiredService<WorkflowRuntime>();
        var b = serverB.GetRequiredService<WorkflowRuntime>();
        await a.Database.MigrateAsync();
        await a.Definitions.PublishAsync(DefinitionJson.Parse(Drills.Kickoff("* * * * *", "年度启动演练"), "kickoff-drill.json"));

        for (var round = 0; round < 5; round++)
        {
            var timerId = await MakeCronTimerDueAsync(a.Database);

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                try
                {
                    return (await (i % 2 == 0 ? a : b).FireTimerAsync(timerId)).ToString();
                }
                catch (DbUpdateException e)
                {
                    return $"{e.GetType().Name}: {e.InnerException?.Message}";
                }
            })));

            output.WriteLine($"round {round}: {string.Join(", ", outcomes)}");
            Assert.Single(outcomes, o => o == nameof(TimerFireOutcome.Fired));
            Assert.All(outcomes.Where(o => o != nameof(TimerFireOutcome.Fired)), o => Assert.Equal(nameof(TimerFireOutcome.AlreadyDone), o));
            await using var db = a.Database.CreateContext();
            Assert.Equal(1, await db.Timers.CountAsync(t => t.Purpose == "cron" && t.Status == TimerStatus.Pending));
            Assert.Equal(1, await db.Instances.CountAsync(i => i.DefinitionId == "kickoff-drill"));
        }
    }

    /// <summary>Moves the pending cron timer's due instant to just now, as if its minute had come.</summary>
    private static async Task<Guid> MakeCronTimerDueAsync(WorkflowDatabase database)
    {
        await using var db = database.CreateContext();
        var timer = await db.Timers.SingleAsync(t => t.Purpose == "cron" && t.Status == TimerStatus.Pending);
        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        await db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, due));
        return timer.Id;
    }

    /// <summary>The runtime as a server registers it (client only: the test fires the timers itself).</summary>
    private static ServiceProvider Runtime(string connectionString) =>
        new ServiceCollection()
            .AddLogging()
            .AddReductionWorkflows(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:PostgresConnectionString"] = connectionString }).Build())
            .BuildServiceProvider();
}
