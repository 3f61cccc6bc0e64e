using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>A yearly kick-off whose cron fires every minute (so the test need not wait a year): fired by version 1,
/// republished with a changed cron, the server killed and restarted, fired again by version 2 — and still one
/// instance for the year, one pending cron timer, none fired early.</summary>
public sealed class CronTriggerTests(PostgresServer postgres, ITestOutputHelper output)
    : ServerDrill(postgres, output), IClassFixture<PostgresServer>
{
    private static readonly TimeSpan NextMinute = TimeSpan.FromSeconds(80);

    protected override string[] Definitions => [Drills.Kickoff("* * * * *", "年度启动演练")];

    [Fact]
    public async Task CronTrigger_AcrossRepublishCronChangeAndRestarts_OneInstancePerYear()
    {
        var server = NewServer("cron");
        await server.StartAsync();
        using var admin = new AdminClient(server.BaseAddress);
        await Eventually.TrueAsync(async () => (await CronTimersAsync()).Any(t => t.Version == 1 && t.Timer.Status == TimerStatus.Fired), NextMinute, "version 1 fired", TimeSpan.FromSeconds(1));

        Folder.Write(Drills.Kickoff("*/1 * * * *", "年度启动演练（改）"));
        server.Kill();
        await server.StartAsync();
        var workflows = (JsonArray)await admin.GetJsonAsync("/api/workflows");
        Assert.Equal(2, workflows.Single(w => w!["id"]!.GetValue<string>() == "kickoff-drill")!["version"]!.GetValue<int>());
        server.Kill();
        await server.StartAsync();
        await Eventually.TrueAsync(async () => (await CronTimersAsync()).Any(t => t.Version == 2 && t.Timer.Status == TimerStatus.Fired), NextMinute, "version 2 fired", TimeSpan.FromSeconds(1));
        Assert.Equal(0, await server.StopGracefullyAsync(TimeSpan.FromSeconds(30)));
        await server.StartAsync();

        var timers = await CronTimersAsync();
        var fired = timers.Where(t => t.Timer.Status == TimerStatus.Fired).ToList();
        Output.WriteLine("cron timers: " + string.Join("; ", timers.Select(t => $"v{t.Version} {t.Timer.Status} due {t.Timer.DueAt:O} fired {t.Timer.FiredAt:O}")));
        Assert.All(fired, t => Assert.True(t.Timer.FiredAt >= t.Timer.DueAt, $"cron timer fired early: due {t.Timer.DueAt:O}, fired {t.Timer.FiredAt:O}"));
        var pending = Assert.Single(timers, t => t.Timer.Status == TimerStatus.Pending);
        Assert.Equal(2, pending.Version);

        var years = fired.Select(t => BeijingTime.ToBeijing(t.Timer.DueAt).Year).Distinct().Order().ToList();
        await using var db = Database.Context();
        var instances = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == "kickoff-drill").OrderBy(i => i.CreatedAt).ToListAsync();
        Assert.Equal(years.Select(y => $"kickoff-drill:{y}"), instances.Select(i => i.CorrelationKey));
        Assert.All(instances, i => Assert.Equal(InstanceStatus.Completed, i.Status));
        Assert.Equal(fired.Count, await db.TriggerFires.CountAsync(f => f.Key.StartsWith("kickoff-drill:")));
    }

    private async Task<List<(TimerRecord Timer, int Version)>> CronTimersAsync()
    {
        await using var db = Database.Context();
        var timers = await db.Timers.AsNoTracking().Where(t => t.Purpose == "cron").OrderBy(t => t.CreatedAt).ToListAsync();
        return timers
            .Select(t => (Timer: t, Payload: JsonNode.Parse(t.PayloadJson!)!))
            .Where(t => t.Payload["definitionId"]!.GetValue<string>() == "kickoff-drill")
            .Select(t => (t.Timer, t.Payload["version"]!.GetValue<int>()))
            .ToList();
    }
}
