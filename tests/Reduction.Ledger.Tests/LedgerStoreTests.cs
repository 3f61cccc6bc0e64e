using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Reduction.Domain.Parties;
using Reduction.Ledger.Persistence;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger.Tests;

/// <summary>The store on PostgreSQL and SQLite: all or nothing, a version per change and none for a value given as
/// stored, history, and every read scoped by party in its query.</summary>
public sealed class LedgerStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly SqliteTestDatabase _file = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2017, 3, 20, 2, 0, 0, TimeSpan.Zero));

    private async Task<(LedgerStore Store, LedgerDatabase Database)> StoreAsync(string provider)
    {
        var options = await OptionsAsync(provider);
        var database = new LedgerDatabase(options, _time);
        await database.MigrateAsync();
        return (new LedgerStore(database, _time), database);
    }

    /// <summary>A new PostgreSQL database, or the test's SQLite file.</summary>
    private async Task<WorkflowStorageOptions> OptionsAsync(string provider) => provider == "postgres"
        ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
        : new WorkflowStorageOptions { SqliteConnectionString = _file.ConnectionString };

    private static readonly LedgerValue[] Lhasa2016 =
    [
        new("lhasa", 2016, "COD", "industrial", string.Empty, 1520.5m),
        new("lhasa", 2016, "COD", "industrial", "拉萨市某水泥厂", 310.125m),
        new("lhasa", 2016, "COD", "urbanDomestic", string.Empty, 0.0001m),
        new("nagqu", 2016, "COD", "industrial", string.Empty, 98765432.1m),
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveLedger_AgainUnchanged_NoNewVersion_AChangeIsVersionTwoWithWhoAndWhy(string provider)
    {
        var (store, database) = await StoreAsync(provider);

        var first = await store.SaveLedgerAsync(Lhasa2016, new LedgerChange("epb-operator", LedgerSources.Import));
        var again = await store.SaveLedgerAsync(Lhasa2016, new LedgerChange("epb-operator", LedgerSources.Import));
        _time.Advance(TimeSpan.FromDays(30));
        var corrected = await store.SaveLedgerAsync([Lhasa2016[0] with { Tonnes = 1498.75m }, Lhasa2016[2] with { Tonnes = 0.00010m }], new LedgerChange("drc-reviewer", LedgerSources.Correction, "现场核查：工业源少报"));

        Assert.Equal(new LedgerSaveCounts(4, 0, 0), first);
        Assert.Equal(new LedgerSaveCounts(0, 0, 4), again);
        Assert.Equal(new LedgerSaveCounts(0, 1, 1), corrected);
        var entries = await store.LedgerAsync(PartyScope.Everything, "lhasa", 2016);
        Assert.Equal([1498.75m, 310.125m, 0.0001m], entries.Select(e => e.Value.Tonnes).ToArray());
        var industrial = entries[0];
        Assert.Equal(new LedgerStamp(2, LedgerSources.Correction, "drc-reviewer", _time.GetUtcNow(), "现场核查：工业源少报"), industrial.Stamp with { ChangedAt = industrial.Stamp.ChangedAt.ToUniversalTime() });
        var history = await store.HistoryAsync(PartyScope.Everything, LedgerKeys.LedgerKind, industrial.Value.Key);
        Assert.Equal([(2, "1498.75", "correction"), (1, "1520.5", "import")], history.Select(v => (v.Version, v.Value, v.Stamp.Source)).ToArray());
        var once = await store.HistoryAsync(PartyScope.Everything, LedgerKeys.LedgerKind, Lhasa2016[1].Key);
        Assert.Equal([(1, "310.125", "import", "epb-operator")], once.Select(v => (v.Version, v.Value, v.Stamp.Source, v.Stamp.ChangedBy)).ToArray());
        Assert.Empty(await store.HistoryAsync(PartyScope.Everything, LedgerKeys.LedgerKind, "lhasa/2016/COD/agricultural/"));
        Assert.Empty(await store.HistoryAsync(PartyScope.Everything, LedgerKeys.LedgerKind, "lhasa/二〇一六"));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Versions.CountAsync());
        Assert.Equal(98765432.1m, (await store.LedgerAsync(PartyScope.Everything, "nagqu")).Single().Value.Tonnes);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveLedger_TwoValuesForOneLine_RefusedAndNothingStored(string provider)
    {
        var (store, _) = await StoreAsync(provider);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveLedgerAsync([Lhasa2016[0], Lhasa2016[0] with { Tonnes = 1 }], new LedgerChange("x", LedgerSources.Import)));

        Assert.Empty(await store.LedgerAsync(PartyScope.Everything));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Reads_ScopedInTheQuery_APrefectureItsOwn_DepartmentsNoEnterprise_OthersNothing(string provider)
    {
        var (store, _) = await StoreAsync(provider);
        await store.SaveLedgerAsync(Lhasa2016, new LedgerChange("epb-operator", LedgerSources.Import));
        await store.SaveTargetsAsync([new("lhasa", 2016, "COD", "capTonnes", 5230m), new("nagqu", 2016, "COD", "changeVsPreviousYearPercent", -0.6m)], new LedgerChange("epb-operator", LedgerSources.Import));
        var parties = PartyDirectory.LoadDefault();
        var lhasa = PartyScope.Of(parties.GetById("lhasa"));
        var drc = PartyScope.Of(parties.GetById("drc"));

        var own = await store.LedgerAsync(lhasa);
        var asked = await store.LedgerAsync(lhasa, "nagqu");
        var department = await store.LedgerAsync(drc);
        var nothing = await store.LedgerAsync(PartyScope.Nothing);

        Assert.Equal(3, own.Count);
        Assert.All(own, e => Assert.Equal("lhasa", e.Value.PrefectureId));
        Assert.Empty(asked);
        Assert.Equal(3, department.Count);
        Assert.All(department, e => Assert.Equal(string.Empty, e.Value.Enterprise));
        Assert.Empty(nothing);
        Assert.Equal("lhasa", Assert.Single(await store.TargetsAsync(lhasa)).Value.PrefectureId);
        Assert.Equal(2, (await store.TargetsAsync(drc)).Count);
        Assert.Empty(await store.TargetsAsync(PartyScope.Nothing));
        var enterpriseKey = Lhasa2016[1].Key;
        Assert.Single(await store.HistoryAsync(lhasa, LedgerKeys.LedgerKind, enterpriseKey));
        Assert.Empty(await store.HistoryAsync(drc, LedgerKeys.LedgerKind, enterpriseKey));
        Assert.Single(await store.HistoryAsync(drc, LedgerKeys.LedgerKind, Lhasa2016[0].Key));
        Assert.Empty(await store.HistoryAsync(PartyScope.Of(parties.GetById("nagqu")), LedgerKeys.LedgerKind, Lhasa2016[0].Key));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TargetsAndKeyProjects_VersionedOnChangeOnly(string provider)
    {
        var (store, _) = await StoreAsync(provider);
        var change = new LedgerChange("epb-operator", LedgerSources.Import);
        TargetValue target = new("lhasa", 2016, "COD", "capTonnes", 5230m);
        KeyProjectValue project = new("lhasa", "拉萨市第二污水处理厂", new DateOnly(2016, 12, 31), null);

        Assert.Equal(new LedgerSaveCounts(1, 0, 0), await store.SaveTargetsAsync([target], change));
        Assert.Equal(new LedgerSaveCounts(0, 0, 1), await store.SaveTargetsAsync([target], change));
        Assert.Equal(new LedgerSaveCounts(0, 1, 0), await store.SaveTargetsAsync([target with { Kind = "changeVsPreviousYearPercent", Value = -0.6m }], change));
        Assert.Equal(new LedgerSaveCounts(1, 0, 0), await store.SaveKeyProjectsAsync([project], change));
        Assert.Equal(new LedgerSaveCounts(0, 1, 0), await store.SaveKeyProjectsAsync([project with { DueDate = new DateOnly(2017, 6, 30), Note = "延期" }], change));

        var stored = Assert.Single(await store.TargetsAsync(PartyScope.Everything, 2016));
        Assert.Equal((2, "changeVsPreviousYearPercent", -0.6m), (stored.Stamp.Version, stored.Value.Kind, stored.Value.Value));
        Assert.Equal(["changeVsPreviousYearPercent -0.6", "capTonnes 5230"], (await store.HistoryAsync(PartyScope.Everything, LedgerKeys.TargetKind, target.Key)).Select(v => v.Value).ToArray());
        var kept = Assert.Single(await store.KeyProjectsAsync(PartyScope.Everything, "lhasa"));
        Assert.Equal((2, new DateOnly(2017, 6, 30), "延期"), (kept.Stamp.Version, kept.Value.DueDate, kept.Value.Note));
    }

    [Fact]
    public async Task BinaryCopyOnPostgres_StoresExactlyWhatEfCoreStores_VersionsIncluded_AgainAddsNothing()
    {
        var lines = Enumerable.Range(0, 2_000)
            .Select(i => new LedgerValue(i % 2 == 0 ? "lhasa" : "nagqu", 2016 + (i % 5), "COD", "industrial", i < 10 ? string.Empty : $"重点企业{i:0000}", (i * 1.125m) + 0.0001m))
            .Append(new LedgerValue("lhasa", 2016, "NOx", "motorVehicles", string.Empty, 0.00010m))
            .ToList();
        TargetValue[] targets = [new("lhasa", 2016, "COD", "capTonnes", 5230.50m), new("nagqu", 2016, "SO2", "changeVsPreviousYearPercent", -0.6m)];
        KeyProjectValue[] projects = [new("lhasa", "拉萨市第二污水处理厂", new DateOnly(2016, 12, 31), null), new("nagqu", "那曲热电厂脱硝", new DateOnly(2017, 6, 30), "一期")];
        var import = new LedgerChange(new string('x', 300), LedgerSources.Import);
        var correction = new LedgerChange("drc-reviewer", LedgerSources.Correction, "现场核查：工业源少报");

        async Task<(List<LedgerSaveCounts> Counts, List<string> Rows)> RunAsync(bool binaryCopy)
        {
            var time = new FakeTimeProvider(_time.GetUtcNow());
            var database = new LedgerDatabase(new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }, time);
            await database.MigrateAsync();
            var store = new LedgerStore(database, time) { BinaryCopy = binaryCopy };
            List<LedgerSaveCounts> counts =
            [
                await store.SaveLedgerAsync(lines, import),
                await store.SaveLedgerAsync(lines, import),
                await store.SaveTargetsAsync(targets, import),
                await store.SaveTargetsAsync(targets, import),
                await store.SaveKeyProjectsAsync(projects, import),
                await store.SaveKeyProjectsAsync(projects, import),
            ];
            time.Advance(TimeSpan.FromMinutes(5));
            counts.Add(await store.SaveLedgerAsync([lines[0] with { Tonnes = 7m }, lines[1], lines[2] with { Enterprise = "新增企业" }], correction));
            counts.Add(await store.SaveTargetsAsync([targets[0] with { Value = 5000m }], correction));
            counts.Add(await store.SaveKeyProjectsAsync([projects[0] with { Note = "延期" }], correction));
            return (counts, await RowsAsync(database));
        }

        var copied = await RunAsync(binaryCopy: true);
        var tracked = await RunAsync(binaryCopy: false);

        Assert.Equal(
            [new(2_001, 0, 0), new(0, 0, 2_001), new(2, 0, 0), new(0, 0, 2), new(2, 0, 0), new(0, 0, 2), new(1, 1, 1), new(0, 1, 0), new(0, 1, 0)],
            copied.Counts);
        Assert.Equal(tracked.Counts, copied.Counts);
        Assert.Equal(tracked.Rows, copied.Rows);
        Assert.Equal(3, copied.Rows.Count(r => r.StartsWith("version ", StringComparison.Ordinal)));
        Assert.Contains(copied.Rows, r => r.StartsWith("version target|lhasa/2016/COD|lhasa|1|capTonnes 5230.5|import|" + new string('x', 256) + "|", StringComparison.Ordinal));
        Assert.Contains(copied.Rows, r => r.StartsWith("target lhasa|2016|COD|capTonnes|5000|2|correction|drc-reviewer|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task MigrationFromEveryStateVersioned_KeepsOnlyEarlierStates_HistoryUnchanged_DownRestoresThem(string provider)
    {
        var options = await OptionsAsync(provider);
        var database = new LedgerDatabase(options, _time);
        await using (var db = database.CreateContext())
        {
            var migrator = db.GetService<IMigrator>();
            var initial = db.Database.GetMigrations().First();
            await migrator.MigrateAsync(initial);

            // The tables as the first schema's store left them: a version row for every state, the current one included.
            var (t1, t2) = (_time.GetUtcNow(), _time.GetUtcNow().AddDays(3));
            db.Entries.Add(new LedgerEntryRecord { PrefectureId = "lhasa", Year = 2016, Pollutant = "COD", Sector = "industrial", Enterprise = "某厂/二期", Tonnes = 7.50m, Version = 2, Source = LedgerSources.Correction, ChangedBy = "drc", ChangedAt = t2, Reason = "核查" });
            db.Targets.Add(new TargetRecord { PrefectureId = "lhasa", Year = 2016, Pollutant = "COD", Kind = "capTonnes", Value = 5230.50m, Version = 1, Source = LedgerSources.Import, ChangedBy = "epb", ChangedAt = t1 });
            db.KeyProjects.Add(new KeyProjectRecord { PrefectureId = "lhasa", Name = "污水厂/一期", DueDate = new DateOnly(2017, 6, 30), Note = "延期", Version = 1, Source = LedgerSources.Import, ChangedBy = "epb", ChangedAt = t1 });
            db.Versions.AddRange(
                Version(LedgerKeys.LedgerKind, "lhasa/2016/COD/industrial/某厂/二期", 1, "8.25", LedgerSources.Import, "epb", t1, null),
                Version(LedgerKeys.LedgerKind, "lhasa/2016/COD/industrial/某厂/二期", 2, "7.5", LedgerSources.Correction, "drc", t2, "核查"),
                Version(LedgerKeys.TargetKind, "lhasa/2016/COD", 1, "capTonnes 5230.5", LedgerSources.Import, "epb", t1, null),
                Version(LedgerKeys.KeyProjectKind, "lhasa/污水厂/一期", 1, "2017-06-30 延期", LedgerSources.Import, "epb", t1, null));
            await db.SaveChangesAsync();
        }

        var store = new LedgerStore(database, _time);
        async Task<List<string>> HistoriesAsync() =>
        [
            .. (await store.HistoryAsync(PartyScope.Everything, LedgerKeys.LedgerKind, "lhasa/2016/COD/industrial/某厂/二期"))
                .Concat(await store.HistoryAsync(PartyScope.Everything, LedgerKeys.TargetKind, "lhasa/2016/COD"))
                .Concat(await store.HistoryAsync(PartyScope.Everything, LedgerKeys.KeyProjectKind, "lhasa/污水厂/一期"))
                .Select(v => FormattableString.Invariant($"{v.Kind} {v.Key} {v.Version} {v.Value} {v.Stamp.Source} {v.Stamp.ChangedBy} {v.Stamp.ChangedAt.UtcTicks} {v.Stamp.Reason}")),
        ];
        var before = await HistoriesAsync();

        await database.MigrateAsync();

        Assert.Equal(before, await HistoriesAsync());
        Assert.Equal(["ledger|1|8.25"], await VersionRowsAsync());
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        }

        Assert.Equal(["key-project|1|2017-06-30 延期", "ledger|1|8.25", "ledger|2|7.5", "target|1|capTonnes 5230.5"], (await VersionRowsAsync()).Select(r => r.Replace(".50", ".5", StringComparison.Ordinal)));

        async Task<List<string>> VersionRowsAsync()
        {
            await using var db = database.CreateContext();
            return (await db.Versions.AsNoTracking().ToListAsync()).Select(v => FormattableString.Invariant($"{v.Kind}|{v.Version}|{v.Value}")).Order(StringComparer.Ordinal).ToList();
        }

        static LedgerVersionRecord Version(string kind, string key, int version, string value, string source, string by, DateTimeOffset at, string? reason) =>
            new() { Kind = kind, Key = key, PrefectureId = "lhasa", Version = version, Value = value, Source = source, ChangedBy = by, ChangedAt = at, Reason = reason };
    }

    /// <summary>Every stored row of the four tables without its id, in a fixed order, decimals with their scale.</summary>
    private static async Task<List<string>> RowsAsync(LedgerDatabase database)
    {
        await using var db = database.CreateContext();
        static string Stamp(IVersionedRecord r) => FormattableString.Invariant($"{r.Version}|{r.Source}|{r.ChangedBy}|{r.ChangedAt.UtcTicks}|{r.Reason ?? "(null)"}");
        var rows = new List<string>();
        rows.AddRange((await db.Entries.AsNoTracking().ToListAsync()).Select(e => FormattableString.Invariant($"entry {e.PrefectureId}|{e.Year}|{e.Pollutant}|{e.Sector}|{e.Enterprise}|{e.Tonnes}|{Stamp(e)}")).Order(StringComparer.Ordinal));
        rows.AddRange((await db.Targets.AsNoTracking().ToListAsync()).Select(t => FormattableString.Invariant($"target {t.PrefectureId}|{t.Year}|{t.Pollutant}|{t.Kind}|{t.Value}|{Stamp(t)}")).Order(StringComparer.Ordinal));
        rows.AddRange((await db.KeyProjects.AsNoTracking().ToListAsync()).Select(p => FormattableString.Invariant($"project {p.PrefectureId}|{p.Name}|{p.DueDate:yyyy-MM-dd}|{p.Note ?? "(null)"}|{Stamp(p)}")).Order(StringComparer.Ordinal));
        rows.AddRange((await db.Versions.AsNoTracking().ToListAsync()).Select(v => FormattableString.Invariant($"version {v.Kind}|{v.Key}|{v.PrefectureId}|{v.Version}|{v.Value}|{v.Source}|{v.ChangedBy}|{v.ChangedAt.UtcTicks}|{v.Reason ?? "(null)"}")).Order(StringComparer.Ordinal));
        return rows;
    }

    public void Dispose() => _file.Dispose();
}
