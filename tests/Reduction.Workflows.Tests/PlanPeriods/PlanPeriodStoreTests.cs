using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.PlanPeriods;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Workflows.Tests.PlanPeriods;

public sealed class PlanPeriodStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    public void Dispose() => _file.Dispose();

    private async Task<WorkflowDatabase> DatabaseAsync(string provider) => new(provider == "postgres"
        ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
        : new WorkflowStorageOptions { SqliteConnectionString = _file.ConnectionString });

    private static PlanPeriodCatalog Fourteenth(Func<string, string> edit) =>
        PlanPeriodCatalog.Parse(edit(PlanPeriodJson.WriteFile([PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!])));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task MigrateAsync_EmptyTable_SeedsTheShippedPeriods(string provider)
    {
        var database = await DatabaseAsync(provider);

        await database.MigrateAsync();

        var catalog = await new PlanPeriodStore(database).GetCatalogAsync();
        Assert.Equal(["12th-five-year-plan", "13th-five-year-plan", "14th-five-year-plan"], catalog.Periods.Select(p => p.Id));
        Assert.Equal(
            PlanPeriodJson.WriteFile(PlanPeriodCatalog.LoadDefault().Periods),
            PlanPeriodJson.WriteFile(catalog.Periods));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task MigrateAsync_AfterImport_KeepsTheAdministratorsChange(string provider)
    {
        var database = await DatabaseAsync(provider);
        await database.MigrateAsync();
        var confirmed = Fourteenth(json => json.Replace("\"75/100\"", "\"90/100\"", StringComparison.Ordinal));

        var result = await new PlanPeriodStore(database).ImportAsync(confirmed);
        await database.MigrateAsync();

        Assert.Equal(["14th-five-year-plan"], result.Changed);
        var fourteenth = (await new PlanPeriodStore(database).GetCatalogAsync()).FindById("14th-five-year-plan")!;
        Assert.Equal(90, fourteenth.Thresholds.TransmissionEffectiveRate.Numerator);
        await using var db = database.CreateContext();
        Assert.Equal(PlanPeriodSource.Imported, (await db.PlanPeriods.SingleAsync(p => p.Id == "14th-five-year-plan")).Source);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ConfirmAsync_RemovesOnlyTheChosenFields_KeepsTheValues_RefusesWhatIsNotCarriedOver(string provider)
    {
        var database = await DatabaseAsync(provider);
        await database.MigrateAsync();
        var store = new PlanPeriodStore(database);
        var before = (await store.GetCatalogAsync()).FindById("13th-five-year-plan")!;
        Assert.True(before.Unconfirmed.Count >= 2);

        var result = await store.ConfirmAsync("13th-five-year-plan", [before.Unconfirmed[0]], "sysadmin");

        Assert.Equal(["13th-five-year-plan"], result.Changed);
        var after = (await new PlanPeriodStore(database).GetCatalogAsync()).FindById("13th-five-year-plan")!;
        Assert.Equal(before.Unconfirmed.Skip(1), after.Unconfirmed);
        Assert.Equal(before.CarriedOverFrom, after.CarriedOverFrom);
        Assert.Equal(before.Thresholds.TransmissionEffectiveRate, after.Thresholds.TransmissionEffectiveRate);
        Assert.Equal(before.MeasuresTitle, after.MeasuresTitle);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ConfirmAsync("13th-five-year-plan", [before.Unconfirmed[0]]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ConfirmAsync("13th-five-year-plan", []));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ConfirmAsync("99th-five-year-plan", [before.Unconfirmed[1]]));

        await store.ConfirmAsync("13th-five-year-plan", after.Unconfirmed.ToList());
        var done = (await new PlanPeriodStore(database).GetCatalogAsync()).FindById("13th-five-year-plan")!;
        Assert.Empty(done.Unconfirmed);
        Assert.Null(done.CarriedOverFrom);

        // Versioned: the seed, then each confirmation with who and how; a refused one adds none.
        var history = await store.HistoryAsync("13th-five-year-plan");
        Assert.Equal([(3, "confirm", "system"), (2, "confirm", "sysadmin"), (1, "seed", "system")], history.Select(v => (v.Version, v.Via, v.ChangedBy)));
        Assert.DoesNotContain("carriedOver", history[0].Json, StringComparison.Ordinal);
        Assert.Contains("carriedOver", history[2].Json, StringComparison.Ordinal);
        Assert.Equal(3, (await store.LatestAsync())["13th-five-year-plan"].Version);
        Assert.Equal(1, (await store.LatestAsync())["12th-five-year-plan"].Version);
    }

    [Fact]
    public async Task MigrateAsync_ShippedPeriodMissing_AddsItBack()
    {
        var database = await DatabaseAsync("sqlite");
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            await db.PlanPeriods.Where(p => p.Id == "14th-five-year-plan").ExecuteDeleteAsync();
        }

        await database.MigrateAsync();

        Assert.NotNull((await new PlanPeriodStore(database).GetCatalogAsync()).FindByYear(2025));
    }

    [Fact]
    public async Task MigrateAsync_AdministratorsPeriodCoversTheShippedYears_DoesNotAddTheShippedOne()
    {
        var database = await DatabaseAsync("sqlite");
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            await db.PlanPeriods.Where(p => p.Id == "14th-five-year-plan").ExecuteDeleteAsync();
        }

        await new PlanPeriodStore(database).ImportAsync(Fourteenth(json => json.Replace("14th-five-year-plan", "14th-local", StringComparison.Ordinal)));
        await database.MigrateAsync();

        var catalog = await new PlanPeriodStore(database).GetCatalogAsync();
        Assert.Equal("14th-local", catalog.FindByYear(2023)!.Id);
        Assert.Null(catalog.FindById("14th-five-year-plan"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task MigrateAsync_RowsStoredWithoutMeasuresTitle_TakeTheShippedTitleAndListItUnconfirmedWhereShippedDoes(string provider)
    {
        var database = await DatabaseAsync(provider);
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            foreach (var row in await db.PlanPeriods.ToListAsync())
            {
                var json = JsonNode.Parse(row.Json)!.AsObject();
                json.Remove("measuresTitle");
                if (json["carriedOver"]?["fields"] is JsonArray fields)
                {
                    fields.Remove(fields.First(f => f!.GetValue<string>() == "measuresTitle"));
                }

                row.Json = json.ToJsonString();
            }

            await db.SaveChangesAsync();
        }

        await database.MigrateAsync();

        var catalog = await new PlanPeriodStore(database).GetCatalogAsync();
        Assert.Equal(
            PlanPeriodJson.WriteFile(PlanPeriodCatalog.LoadDefault().Periods),
            PlanPeriodJson.WriteFile(catalog.Periods));
    }

    [Fact]
    public async Task MigrateAsync_AdministratorsPeriodWithoutMeasuresTitle_TakesTheTitleOfThePeriodItFollowsUnconfirmed()
    {
        var database = await DatabaseAsync("sqlite");
        await database.MigrateAsync();
        var local = PlanPeriodJson.Write(PlanPeriodCatalog.LoadDefault().FindById("12th-five-year-plan")!);
        (local["id"], local["firstYear"], local["lastYear"], local["baseYear"]) = ("15th-local", 2026, 2030, 2025);
        local.Remove("measuresTitle");
        await using (var db = database.CreateContext())
        {
            db.PlanPeriods.Add(new PlanPeriodRecord
            {
                Id = "15th-local",
                FirstYear = 2026,
                LastYear = 2030,
                Json = local.ToJsonString(),
                Source = PlanPeriodSource.Imported,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await database.MigrateAsync();

        var period = (await new PlanPeriodStore(database).GetCatalogAsync()).FindById("15th-local")!;
        Assert.Equal(PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!.MeasuresTitle, period.MeasuresTitle);
        Assert.True(period.IsUnconfirmed("measuresTitle"));
        Assert.Equal("12th-five-year-plan", period.CarriedOverFrom);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportAsync_OverlappingAStoredPeriod_ThrowsAndStoresNothing(string provider)
    {
        var database = await DatabaseAsync(provider);
        await database.MigrateAsync();
        var fifteenth = PlanPeriodCatalog.Parse(PlanPeriodJson.WriteFile([
            Fourteenth(json => json.Replace("14th-five-year-plan", "15th-five-year-plan", StringComparison.Ordinal)
                .Replace("\"firstYear\": 2021", "\"firstYear\": 2025", StringComparison.Ordinal)
                .Replace("\"lastYear\": 2025", "\"lastYear\": 2030", StringComparison.Ordinal)
                .Replace("\"baseYear\": 2020", "\"baseYear\": 2024", StringComparison.Ordinal)).Periods[0],
        ]));
        var store = new PlanPeriodStore(database);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ImportAsync(fifteenth));

        await using var db = database.CreateContext();
        Assert.Equal(3, await db.PlanPeriods.CountAsync());
        Assert.Null((await store.GetCatalogAsync()).FindById("15th-five-year-plan"));
    }

    [Fact]
    public async Task ImportAsync_ThroughACachingStore_IsSeenAtOnce()
    {
        var database = await DatabaseAsync("sqlite");
        await database.MigrateAsync();
        var store = new PlanPeriodStore(database);
        Assert.Null((await store.GetCatalogAsync()).FindByYear(2026));
        var fifteenth = Fourteenth(json => json.Replace("14th-five-year-plan", "15th-five-year-plan", StringComparison.Ordinal)
            .Replace("\"firstYear\": 2021", "\"firstYear\": 2026", StringComparison.Ordinal)
            .Replace("\"lastYear\": 2025", "\"lastYear\": 2030", StringComparison.Ordinal)
            .Replace("\"baseYear\": 2020", "\"baseYear\": 2025", StringComparison.Ordinal));

        var result = await store.ImportAsync(fifteenth);

        Assert.Equal(["15th-five-year-plan"], result.Added);
        Assert.Equal("15th-five-year-plan", (await store.GetCatalogAsync()).FindByYear(2026)!.Id);
    }
}
