using System.Diagnostics;
using System.Globalization;
using MiniExcelLibs;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger;
using Reduction.Ledger.Persistence;
using Reduction.Ledger.Workbooks;
using Reduction.Workflows.Persistence;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(m) A national-scale ledger workbook: 333 prefectures (the national directory's with `--parties national`,
/// else generated ones) × 5 years (2016-2020) × the period's
/// pollutants and sectors (15 lines each), plus 15,000 key-enterprise lines. Importing it (every cell checked, then
/// stored versioned on PostgreSQL) against only reading the same workbook with the Excel library;
/// exporting it (read back from the store and written formatted) against writing the same rows with the library.</summary>
internal static class LedgerImport
{
    private const int Prefectures = 333;

    private const int Enterprises = 15_000;

    /// <summary>Timed runs of each figure; the best counts (the machine is shared, the slower runs measure the neighbours).</summary>
    private const int Runs = 3;

    public static async Task RunAsync(PostgresCluster cluster, ResultTable table, CancellationToken cancellationToken)
    {
        var parties = BenchParties.AtScale(Prefectures);
        var context = new WorkbookContext(parties, PlanPeriodCatalog.LoadDefault());
        var values = Lines(parties, context.Periods).ToList();
        var stamp = new LedgerStamp(1, LedgerSources.Import, "bench", DateTimeOffset.UtcNow, null);
        var workbook = LedgerWorkbookWriter.Ledger(values.Select(v => new LedgerEntry(v, stamp)).ToList(), context, null);

        var read = Time(() =>
        {
            using var stream = new MemoryStream(workbook);
            return MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX).Count();
        });

        // The import runs once untimed into a database of its own, as the library figures run once untimed: the
        // timed imports then run on warm code and pooled connections, as in a running server, each into an empty
        // ledger of its own; the best of them counts, as the best of the library's runs does.
        var warm = await EmptyStoreAsync(cluster, "bench_ledger_warm", cancellationToken);
        _ = await LedgerWorkbookImport.ImportLedgerAsync(warm, workbook, context, new LedgerChange("bench", LedgerSources.Import), cancellationToken);
        var checkOnly = Time(() => LedgerWorkbookReader.ReadLedger(workbook, context).Values.Count);
        var import = double.MaxValue;
        LedgerStore? store = null;
        LedgerSaveCounts? counts = null;
        for (var run = 1; run <= Runs; run++)
        {
            store = await EmptyStoreAsync(cluster, string.Create(CultureInfo.InvariantCulture, $"bench_ledger_{run}"), cancellationToken);
            var clock = Stopwatch.StartNew();
            var (parsed, stored) = await LedgerWorkbookImport.ImportLedgerAsync(store, workbook, context, new LedgerChange("bench", LedgerSources.Import), cancellationToken);
            import = Math.Min(import, clock.Elapsed.TotalSeconds);
            if (!parsed.Ok || stored is not { } added || added.Added != values.Count)
            {
                throw new InvalidOperationException($"import stored {stored?.Added ?? 0} of {values.Count} lines ({parsed.Errors.Count} errors)");
            }

            counts = stored;
        }

        var reimport = double.MaxValue;
        LedgerSaveCounts? again = null;
        for (var run = 1; run <= Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            again = (await LedgerWorkbookImport.ImportLedgerAsync(store!, workbook, context, new LedgerChange("bench", LedgerSources.Import), cancellationToken)).Counts
                ?? throw new InvalidOperationException("the re-import stored nothing");
            reimport = Math.Min(reimport, clock.Elapsed.TotalSeconds);
        }

        var plain = values.Select(v => new Dictionary<string, object?>
        {
            ["地市"] = v.PrefectureId,
            ["年度"] = v.Year,
            ["污染物"] = v.Pollutant,
            ["排放源"] = v.Sector,
            ["企业名称"] = v.Enterprise,
            ["排放量（吨）"] = v.Tonnes,
            ["版本"] = 1,
            ["来源"] = "Excel 导入",
            ["修改人"] = "bench",
            ["修改时间（北京时间）"] = DateTime.Now,
            ["修改原因"] = null,
        }).ToList();
        var write = Time(() =>
        {
            using var stream = new MemoryStream();
            stream.SaveAs(plain, sheetName: "排放台账", excelType: ExcelType.XLSX);
            return (int)stream.Length;
        });
        _ = LedgerWorkbookWriter.Ledger(await warm.LedgerAsync(PartyScope.Everything, cancellationToken: cancellationToken), context, null);
        var export = double.MaxValue;
        byte[] exported = [];
        for (var run = 1; run <= Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var lines = await store!.LedgerAsync(PartyScope.Everything, cancellationToken: cancellationToken);
            exported = LedgerWorkbookWriter.Ledger(lines, context, null);
            export = Math.Min(export, clock.Elapsed.TotalSeconds);
        }

        table.Add("m", string.Create(CultureInfo.InvariantCulture, $"read the workbook only (MiniExcel, {values.Count:N0} rows, {workbook.Length / 1024.0 / 1024:0.0} MB)"), read, "s");
        table.Add("m", "import: every cell checked, stored versioned (PostgreSQL)", import, "s", (read, "s", "read only, m"), "≤ 2× and < 10 s", import <= 2 * read && import < 10);
        table.Add("m", "re-import of the same workbook (nothing changes)", reimport, "s", (read, "s", "read only, m"));
        table.Add("m", "write the same rows (MiniExcel, no formatting)", write, "s");
        table.Add("m", "export: read from the store, formatted workbook", export, "s", (write, "s", "write only, m"), "≤ 2× and < 10 s", export <= 2 * write && export < 10);
        table.Note("m", string.Create(CultureInfo.InvariantCulture, $"{values.Count:N0} lines ({Prefectures} prefectures × 5 years × 15 + {Enterprises:N0} enterprises); checking the cells alone {checkOnly:0.00} s; the import checks every cell, then stores {counts!.Added:N0} lines (version 1 each) in one transaction; re-import {again!.Unchanged:N0} unchanged; each figure the best of {Runs} runs; export {exported.Length / 1024.0 / 1024:0.0} MB"));
    }

    private static IEnumerable<LedgerValue> Lines(PartyDirectory parties, PlanPeriodCatalog periods)
    {
        var n = 0;
        var prefectures = parties.WithRole(PartyRole.Prefecture).Take(Prefectures).ToList();
        for (var year = 2016; year <= 2020; year++)
        {
            var period = periods.FindByYear(year)!;
            foreach (var party in prefectures)
            {
                foreach (var pollutant in period.Pollutants)
                {
                    foreach (var sector in period.SectorsOf(pollutant))
                    {
                        yield return new LedgerValue(party.Id, year, pollutant.Code, sector, string.Empty, 100 + (n++ % 9973) + 0.125m);
                    }
                }
            }
        }

        for (var i = 0; i < Enterprises; i++)
        {
            var party = prefectures[i % Prefectures];
            yield return new LedgerValue(party.Id, 2016 + (i % 5), "COD", EmissionSectors.Industrial, string.Create(CultureInfo.InvariantCulture, $"{party.CurrentName.Name}重点企业{i / Prefectures:000}"), 10 + (i % 97) + 0.5m);
        }
    }

    private static async Task<LedgerStore> EmptyStoreAsync(PostgresCluster cluster, string name, CancellationToken cancellationToken)
    {
        var database = new LedgerDatabase(new WorkflowStorageOptions { PostgresConnectionString = await cluster.CreateDatabaseAsync(name, cancellationToken) });
        await database.MigrateAsync(cancellationToken);
        return new LedgerStore(database);
    }

    /// <summary>The best of <see cref="Runs"/> timed runs after an untimed one.</summary>
    private static double Time(Func<int> run)
    {
        run();
        var best = double.MaxValue;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }
}
