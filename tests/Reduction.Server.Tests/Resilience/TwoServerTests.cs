using Microsoft.EntityFrameworkCore;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>Two server processes on one PostgreSQL database: they share the work, never do it twice, and when one is
/// killed the other finishes everything, including what the dead one had taken.</summary>
public sealed class TwoServerTests(PostgresServer postgres, ITestOutputHelper output)
    : ServerDrill(postgres, output), IClassFixture<PostgresServer>
{
    private const int PerPhase = 60;

    protected override string[] Definitions => [Drills.Relay, Drills.CrashChild];

    [Fact]
    public async Task TwoServers_OneDatabase_BothRunJobsNothingTwiceSurvivorFinishesAfterKill()
    {
        var a = NewServer("server-a");
        var b = NewServer("server-b");
        var idA = (await a.StartAsync())["server"]!.GetValue<string>();
        var idB = (await b.StartAsync())["server"]!.GetValue<string>();
        using var adminA = new AdminClient(a.BaseAddress);
        using var adminB = new AdminClient(b.BaseAddress);

        // Phase 1: both up, instances started through either.
        for (var i = 0; i < PerPhase; i++)
        {
            await (i % 2 == 0 ? adminA : adminB).StartReliablyAsync("relay-drill", [], $"both-{i}", TimeSpan.FromSeconds(30));
        }

        await AllCompletedAsync(2 * PerPhase);
        var history = await Database.ProcessingHistoryAsync();
        Output.WriteLine("jobs processed per server: " + string.Join(", ", history.GroupBy(h => h.ServerId).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Contains(history, h => h.ServerId == idA);
        Assert.Contains(history, h => h.ServerId == idB);
        var claims = await Database.FiredTimerClaimsAsync();
        var claimants = claims.GroupBy(c => c.Claimant).ToDictionary(g => g.Key, g => g.Count());
        Output.WriteLine("timers fired per server: " + string.Join(", ", claimants.Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(2, claimants.Count); // both servers' pumps fired timers, and only they
        Assert.All(claimants.Keys, k => Assert.StartsWith("pump:", k, StringComparison.Ordinal));

        // Phase 2: instances in flight (first delay pending) when server A dies; B alone finishes them all.
        for (var i = 0; i < PerPhase; i++)
        {
            await (i % 2 == 0 ? adminA : adminB).StartReliablyAsync("relay-drill", [], $"survivor-{i}", TimeSpan.FromSeconds(30));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        a.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        await AllCompletedAsync(4 * PerPhase);
        Output.WriteLine($"server B finished everything {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0} s after A was killed");
        Assert.Equal("ok", (await b.WaitHealthyAsync(TimeSpan.FromSeconds(5)))["status"]!.GetValue<string>());

        var report = await DrillChecks.VerifyAsync(Database, "relay-drill", "crash-drill-child");
        Output.WriteLine(report.ToString());
        Assert.Equal(4 * PerPhase, report.Instances);
        var afterKill = (await Database.ProcessingHistoryAsync()).Where(h => !history.Contains(h)).ToList();
        Assert.Contains(afterKill, h => h.ServerId == idB);

        // Every timer fired after the kill (plus a moment for a fire already under way) was fired by the survivor,
        // one of the two pumps of phase 1.
        var lateClaimants = (await Database.FiredTimerClaimsAsync()).Where(c => c.FiredAt > killedAt.AddSeconds(1)).Select(c => c.Claimant).Distinct().ToList();
        Assert.Contains(Assert.Single(lateClaimants), claimants.Keys);
    }

    private Task AllCompletedAsync(int expected) =>
        Eventually.TrueAsync(async () =>
        {
            await using var db = Database.Context();
            return await db.Instances.CountAsync(i => i.Status == InstanceStatus.Completed) == expected;
        }, TimeSpan.FromMinutes(2), $"{expected} instances completed", TimeSpan.FromMilliseconds(500));
}
