using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Ledger.Persistence;
using Reduction.Testing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Ledger.Tests;

/// <summary>The workflow's assessment with the ledger behind it (real runtime, real store, one SQLite file): the
/// stored targets decide instead of the submitted ones and each finding names its target's source; the figures used
/// are recorded, a review's corrected total winning over the submitted sectors, with who and why.</summary>
public sealed class AssessmentLedgerTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    private const string Definition = """
        {
          "id": "evaluate-only", "name": "评定",
          "variables": [{ "name": "year" }, { "name": "cases" }, { "name": "reviews" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "evaluate", "type": "EvaluateAssessment", "inputs": { "cases": "cases", "year": "year - 1", "corrections": "reviews" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "evaluate" },
            { "from": "evaluate", "outcome": "done", "to": "end" }
          ]
        }
        """;

    private static JsonObject Case(decimal industrial, decimal urban) => new()
    {
        ["pollutants"] = new JsonArray(new[] { "COD", "NH3-N", "SO2", "NOx" }.Select(code => (JsonNode?)new JsonObject
        {
            ["code"] = code,
            ["actualTonnes"] = industrial + urban,
            ["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 100000 },
            ["sectors"] = new JsonObject { ["industrial"] = industrial, ["urbanDomestic"] = urban },
        }).ToArray()),
        ["keyProjects"] = new JsonArray(),
        ["monitoring"] = new JsonObject
        {
            ["transmission"] = new JsonObject { ["due"] = 1000, ["received"] = 1000, ["valid"] = 980 },
            ["selfMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
            ["supervisoryMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
        },
    };

    [Fact]
    public async Task Evaluate_StoredTargetsDecide_FindingsNameTheirSource_FiguresRecordedWithTheCorrectionWinning()
    {
        var options = new WorkflowStorageOptions { SqliteConnectionString = _file.ConnectionString };
        var clock = new FakeTimeProvider(new DateTimeOffset(2016, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        var database = new WorkflowDatabase(options);
        await database.MigrateAsync();
        var ledgerDatabase = new LedgerDatabase(options, clock);
        await ledgerDatabase.MigrateAsync();
        var store = new LedgerStore(ledgerDatabase, clock);
        await store.SaveTargetsAsync([new("lhasa", 2015, "COD", "capTonnes", 1000m)], new LedgerChange("epb-operator", LedgerSources.Import));
        var scheduler = new VirtualClockScheduler(clock.GetUtcNow, clock.SetUtcNow);
        var runtime = new WorkflowRuntime(database, scheduler, clock, OfficialCalendar.LoadDefault(), PartyDirectory.LoadDefault(), ledger: new AssessmentLedger(store));
        scheduler.Runtime = runtime;
        await runtime.Definitions.PublishAsync(DefinitionJson.Parse(Definition, "test"));
        var corrected = Case(900, 200);
        corrected["pollutants"]![0]!["actualTonnes"] = 1150;
        var reviews = new JsonObject
        {
            ["drc"] = new JsonObject { ["decision"] = "approve", ["opinion"] = "工业源少报 50 吨", ["corrections"] = new JsonObject { ["lhasa"] = new JsonObject { ["pollutants"] = corrected["pollutants"]!.DeepClone() } } },
        };

        var started = await runtime.StartAsync("evaluate-only", new JsonObject { ["year"] = 2016, ["cases"] = new JsonObject { ["lhasa"] = Case(900, 200), ["nagqu"] = Case(10, 5) }, ["reviews"] = reviews });

        var beforeEffects = await store.LedgerAsync(PartyScope.Everything, "lhasa", 2015);
        await scheduler.RunPendingAsync();
        string stateJson;
        await using (var db = database.CreateContext())
        {
            stateJson = (await db.Instances.FindAsync(started.InstanceId))!.StateJson;
        }

        var state = InstanceState.Parse(stateJson);
        var lhasa = state.Variables["results"]!.AsArray().Single(r => r!["prefecture"]!.GetValue<string>() == "lhasa")!;
        var cod = lhasa["findings"]!.AsArray().First(f => f!["subject"]!.GetValue<string>() == "COD")!;
        Assert.Equal("fail", lhasa["verdict"]!.GetValue<string>());
        Assert.Equal("failed", cod["outcome"]!.GetValue<string>());
        Assert.Equal("目标台账第1版（Excel 导入，epb-operator）", cod["targetSource"]!.GetValue<string>());
        Assert.Equal("地市报送的考核数据", lhasa["findings"]!.AsArray().First(f => f!["subject"]!.GetValue<string>() == "SO2")!["targetSource"]!.GetValue<string>());

        // Recorded by the outbox effect after the burst committed, not inside it.
        Assert.Empty(beforeEffects);
        var ledger = await store.LedgerAsync(PartyScope.Everything, "lhasa", 2015);
        var codLines = ledger.Where(e => e.Value.Pollutant == "COD").ToList();
        Assert.Equal([("industrial", 900m, "form"), ("total", 1150m, "correction"), ("urbanDomestic", 200m, "form")], codLines.Select(e => (e.Value.Sector, e.Value.Tonnes, e.Stamp.Source)).ToArray());
        var total = codLines.Single(e => e.Value.Sector == "total");
        Assert.Equal(("drc", "现场核查更正：drc：工业源少报 50 吨"), (total.Stamp.ChangedBy, total.Stamp.Reason));
        Assert.Equal(1150m, LedgerTotals.Of(codLines.Select(e => e.Value)));
        Assert.Equal(8, (await store.LedgerAsync(PartyScope.Everything, "nagqu", 2015)).Count);
    }

    public void Dispose() => _file.Dispose();
}
