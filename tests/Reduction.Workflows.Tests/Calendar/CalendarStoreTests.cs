using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Calendar;

public sealed class CalendarStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly AuditActor Admin = new("sysadmin", "epb", "127.0.0.1");

    private readonly SqliteTestDatabase _file = new();

    public void Dispose() => _file.Dispose();

    private async Task<WorkflowDatabase> DatabaseAsync(string provider)
    {
        var database = new WorkflowDatabase(provider == "postgres"
            ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
            : new WorkflowStorageOptions { SqliteConnectionString = _file.ConnectionString });
        await database.MigrateAsync();
        return database;
    }

    private static CalendarStore Store(WorkflowDatabase database) =>
        new(database, OfficialCalendar.LoadDefault(), PartyDirectory.LoadDefault());

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    private static YearArrangement Year(int year, string name, string[] daysOff, string[]? workingDays = null) =>
        new(year, daysOff.ToDictionary(D, _ => name), (workingDays ?? []).ToDictionary(D, _ => name));

    /// <summary>A made-up 2027 State Council arrangement: 元旦 on 1 January, 春节 8-12 February (Monday to Friday) with
    /// Sunday 14 February worked.</summary>
    private static YearArrangement National2027() =>
        new(
            2027,
            new Dictionary<DateOnly, string>
            {
                [D("2027-01-01")] = "元旦",
                [D("2027-02-08")] = "春节",
                [D("2027-02-09")] = "春节",
                [D("2027-02-10")] = "春节",
                [D("2027-02-11")] = "春节",
                [D("2027-02-12")] = "春节",
            },
            new Dictionary<DateOnly, string> { [D("2027-02-14")] = "春节" });

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveAsync_National2027AndLhasaLosar_AppliedAtOnceAndCounted(string provider)
    {
        var database = await DatabaseAsync(provider);
        var store = Store(database);
        Assert.False(store.Calendar.HasNationalYear(2027));

        var national = await store.SaveAsync(CalendarLayerKind.National, null, National2027(), "国办发明电〔2026〕1号", Admin, "api");
        var losar = await store.SaveAsync(CalendarLayerKind.Prefecture, "lhasa", Year(2027, "藏历新年", ["2027-03-08", "2027-03-09", "2027-03-10"], ["2027-03-13"]), null, Admin, "api");

        Assert.Equal((1, true), (national.Version, national.Changed));
        Assert.Equal((1, true), (losar.Version, losar.Changed));
        var calendar = store.Calendar;

        // From Friday 5 March 2027, three working days in Lhasa: 8-10 March are off, Thursday 11, Friday 12 and the
        // adjusted Saturday 13 March count.
        var due = DeadlineRule.Parse("workdays:+3").Resolve(new DeadlineContext(2027, D("2027-03-05"), "lhasa"), calendar);
        Assert.Equal(D("2027-03-13"), due.DueDate);
        Assert.Equal(D("2027-03-10"), DeadlineRule.Parse("workdays:+3").Resolve(new DeadlineContext(2027, D("2027-03-05"), "ngari"), calendar).DueDate);
        Assert.Equal(3, calendar.CountWorkingDays(D("2027-03-08"), D("2027-03-14"), "lhasa"));
        Assert.Equal(5, calendar.CountWorkingDays(D("2027-03-08"), D("2027-03-14"), "ngari"));
        Assert.Equal(new CalendarDay(D("2027-02-14"), true, CalendarLayer.National, "春节"), calendar.Explain(D("2027-02-14"), "lhasa"));
        Assert.Equal(CalendarLayer.Prefecture, calendar.Explain(D("2027-03-09"), "lhasa").Layer);

        await using var db = database.CreateContext();
        Assert.Equal(2, await db.CalendarVersions.CountAsync());
        var audit = await db.AuditLog.Where(a => a.Action == "calendar.save").OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(["national:2027", "prefecture:lhasa:2027"], audit.Select(a => a.TargetId));
        Assert.All(audit, a => Assert.Equal("sysadmin", a.User));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveAsync_NationalYearAgain_ReplacesItWholeAndKeepsBothVersions(string provider)
    {
        var database = await DatabaseAsync(provider);
        var store = Store(database);
        await store.SaveAsync(CalendarLayerKind.National, null, National2027(), null, Admin, "api");

        var second = await store.SaveAsync(CalendarLayerKind.National, null, Year(2027, "元旦", ["2027-01-01"]), null, new AuditActor("other-admin", "epb", null), "console");
        var repeated = await store.SaveAsync(CalendarLayerKind.National, null, Year(2027, "元旦", ["2027-01-01"]), null, Admin, "console");

        Assert.Equal((2, true), (second.Version, second.Changed));
        Assert.Equal((2, false), (repeated.Version, repeated.Changed));
        Assert.True(store.Calendar.IsWorkingDay(D("2027-02-08")));
        Assert.False(store.Calendar.IsWorkingDay(D("2027-02-14")));
        Assert.False(store.Calendar.IsWorkingDay(D("2027-01-01")));
        var history = await store.HistoryAsync(2027);
        Assert.Equal([(2, "other-admin", "console"), (1, "sysadmin", "api")], history.Select(h => (h.Version, h.ChangedBy, h.Via!)));
        Assert.Equal(6, history[1].Arrangement.DaysOff.Count);
        var current = Assert.Single(await store.ListAsync(2027));
        Assert.Equal((2, "other-admin"), (current.Version, current.ChangedBy));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RefreshAsync_ChangeByAnotherProcess_IsPickedUpByTheVersionCounter(string provider)
    {
        var database = await DatabaseAsync(provider);
        var server = Store(database);
        var cli = Store(database);
        Assert.True(await server.RefreshAsync());
        Assert.False(await server.RefreshAsync());

        await cli.ImportAsync(CalendarLayerKind.National, null, new HolidayArrangement([National2027()], "国办发明电"), new AuditActor("cli:root", null, null), "cli national-2027.json");

        Assert.False(server.Calendar.HasNationalYear(2027));
        Assert.True(await server.RefreshAsync());
        Assert.False(server.Calendar.IsWorkingDay(D("2027-02-08")));
        Assert.Equal(cli.AppliedVersion, server.AppliedVersion);
        Assert.False(await server.RefreshAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RefreshAsync_ChangeCommittedWithALowerId_IsStillPickedUp(string provider)
    {
        var database = await DatabaseAsync(provider);
        var server = Store(database);
        await using (var db = database.CreateContext())
        {
            db.CalendarVersions.Add(new CalendarVersionRecord { Id = 10, Layer = CalendarLayerKind.National, CalendarKey = "", Year = 2027, Version = 1, Json = new HolidayArrangement([National2027()]).ToJson(), ChangedBy = "a" });
            db.CalendarArrangements.Add(new CalendarArrangementRecord { Layer = CalendarLayerKind.National, CalendarKey = "", Year = 2027, Version = 1, Json = new HolidayArrangement([National2027()]).ToJson(), ChangedBy = "a" });
            await db.SaveChangesAsync();
        }

        Assert.True(await server.RefreshAsync());

        // Another server's transaction took id 5 before id 10 was taken, and commits only now.
        await using (var db = database.CreateContext())
        {
            var losar = new HolidayArrangement([Year(2027, "藏历新年", ["2027-03-08"])]).ToJson();
            db.CalendarVersions.Add(new CalendarVersionRecord { Id = 5, Layer = CalendarLayerKind.Prefecture, CalendarKey = "lhasa", Year = 2027, Version = 1, Json = losar, ChangedBy = "b" });
            db.CalendarArrangements.Add(new CalendarArrangementRecord { Layer = CalendarLayerKind.Prefecture, CalendarKey = "lhasa", Year = 2027, Version = 1, Json = losar, ChangedBy = "b" });
            await db.SaveChangesAsync();
        }

        Assert.True(await server.RefreshAsync());
        Assert.False(server.Calendar.IsWorkingDay(D("2027-03-08"), "lhasa"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportAsync_RegionalYears_ReplaceTheShippedRegionalYear(string provider)
    {
        var database = await DatabaseAsync(provider);
        var store = Store(database);
        Assert.False(store.Calendar.IsWorkingDay(D("2022-03-02")));
        var file = new HolidayArrangement([Year(2022, "雪顿节", ["2022-08-15"]), Year(2023, "藏历新年", ["2023-02-21"])]);

        var results = await store.ImportAsync(CalendarLayerKind.Regional, null, file, Admin, "import regional.json");

        Assert.Equal([2022, 2023], results.Select(r => r.Year));
        Assert.True(store.Calendar.IsWorkingDay(D("2022-03-02")));
        Assert.Equal(new CalendarDay(D("2022-08-15"), false, CalendarLayer.Regional, "雪顿节"), store.Calendar.Explain(D("2022-08-15")));
        await using var db = database.CreateContext();
        Assert.Equal("regional:2022,2023", (await db.AuditLog.SingleAsync(a => a.Action == "calendar.import")).TargetId);
    }

    [Theory]
    [InlineData("sqlite", "nowhere")]
    [InlineData("postgres", "epb")]
    [InlineData("sqlite", "")]
    public async Task ImportAsync_NotAPrefecture_StoresNothing(string provider, string key)
    {
        var database = await DatabaseAsync(provider);
        var store = Store(database);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportAsync(CalendarLayerKind.Prefecture, key, new HolidayArrangement([National2027()]), Admin, "api"));

        Assert.Contains("地市", error.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.CalendarArrangements.CountAsync());
        Assert.Equal(0, await db.CalendarVersions.CountAsync());
    }

    [Fact]
    public async Task SaveAsync_YearOutOfRange_Refused()
    {
        var store = Store(await DatabaseAsync("sqlite"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(CalendarLayerKind.National, null, Year(2300, "元旦", []), null, Admin, "api"));

        Assert.Contains("2000 至 2100", error.Message, StringComparison.Ordinal);
    }
}
