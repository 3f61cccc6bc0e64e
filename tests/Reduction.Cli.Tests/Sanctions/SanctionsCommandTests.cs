using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Simulation;

namespace Reduction.Cli.Tests.Sanctions;

public sealed class SanctionsCommandTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"reduction-sanctions-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync()
    {
        // A failing result for Shigatse announced on 28 April 2015 records the veto sanctions.
        var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = $"Data Source={_file}" });
        await database.MigrateAsync();
        var clock = new VirtualTimeProvider(new DateTimeOffset(2015, 4, 28, 10, 0, 0, TimeSpan.FromHours(8)));
        var scheduler = new VirtualClockScheduler(clock.GetUtcNow, clock.SetUtcNow);
        var runtime = new WorkflowRuntime(database, scheduler, clock, OfficialCalendar.LoadDefault(), PartyDirectory.LoadDefault());
        scheduler.Runtime = runtime;
        var root = RepositoryRoot.Path;
        await runtime.Definitions.PublishAsync(DefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(root, "workflows", "assessment-result.json")), "assessment-result"));
        await runtime.StartAsync("assessment-result", new JsonObject
        {
            ["year"] = 2015,
            ["item"] = new JsonObject { ["prefecture"] = "shigatse", ["prefecture_name"] = "日喀则市", ["verdict"] = "fail", ["findings"] = new JsonArray() },
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void List_OldNameOnDateInForce_ShowsEveryMeasure()
    {
        var (code, stdout, stderr) = Run("sanctions", "list", "--prefecture", "日喀则地区", "--date", "2015-05-01", "--format", "json", "--data", _file);

        Assert.True(code == 0, stderr);
        var sanctions = JsonNode.Parse(stdout)!["sanctions"]!.AsArray();
        Assert.Equal(["awards-bar", "eia-suspension", "fund-suspension", "honours-revocation"], sanctions.Select(s => s!["kind"]!.GetValue<string>()).Order());
        Assert.All(sanctions, s => Assert.Equal("2015-04-28", s!["from"]!.GetValue<string>()));
    }

    [Fact]
    public void List_DayBeforeAnnouncement_ShowsNothing()
    {
        var (code, stdout, _) = Run("sanctions", "list", "--prefecture", "日喀则市", "--date", "2015-04-27", "--data", _file);

        Assert.Equal(0, code);
        Assert.Contains("没有正在执行的否决措施", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void List_UnknownPrefecture_Exit2()
    {
        var (code, stdout, stderr) = Run("sanctions", "list", "--prefecture", "北京市", "--data", _file);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("北京市", stderr, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
