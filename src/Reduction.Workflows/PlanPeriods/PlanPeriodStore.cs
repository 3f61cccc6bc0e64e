using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.PlanPeriods;

/// <summary>The plan periods a running system uses, kept in its database (table `plan_periods`): seeded from the
/// shipped file on migration, changed by import. Reads are cached for <see cref="RefreshInterval"/>, so an import from
/// another process (the CLI) reaches a running server within that time; an import through this store is seen at once.</summary>
/// <param name="time">Stamps changes; the cache runs on real time whatever the clock (tests and simulations move theirs).</param>
public sealed class PlanPeriodStore(WorkflowDatabase database, TimeProvider? time = null)
{
    /// <summary>How long a read catalog is reused before the table is read again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private (PlanPeriodCatalog Catalog, long ReadAt)? _cached;

    /// <summary>The current catalog.</summary>
    /// <exception cref="InvalidOperationException">A stored period no longer reads (edited by hand in the database).</exception>
    public async Task<PlanPeriodCatalog> GetCatalogAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && Stopwatch.GetElapsedTime(cached.ReadAt) < RefreshInterval)
        {
            return cached.Catalog;
        }

        await using var db = database.CreateContext();
        var catalog = ToCatalog(await db.PlanPeriods.AsNoTracking().ToListAsync(cancellationToken));
        _cached = (catalog, Stopwatch.GetTimestamp());
        return catalog;
    }

    /// <summary>As <see cref="ImportAsync(PlanPeriodCatalog, string, string, CancellationToken)"/>, by `system`.</summary>
    public Task<PlanPeriodImportResult> ImportAsync(PlanPeriodCatalog file, CancellationToken cancellationToken = default) =>
        ImportAsync(file, "system", "import", cancellationToken);

    /// <summary>Adds the periods of <paramref name="file"/> and replaces stored ones of the same id, all or nothing; each
    /// period added or changed gets a version with <paramref name="changedBy"/> and <paramref name="via"/>.</summary>
    /// <exception cref="ArgumentException">The stored and imported periods together overlap; nothing was stored.</exception>
    public async Task<PlanPeriodImportResult> ImportAsync(PlanPeriodCatalog file, string changedBy, string via, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        var rows = await db.PlanPeriods.ToListAsync(cancellationToken);
        var merged = ToCatalog(rows).With(file.Periods);
        var added = new List<string>();
        var changed = new List<string>();
        var unchanged = new List<string>();
        var now = _time.GetUtcNow().ToUniversalTime();
        foreach (var period in file.Periods)
        {
            var json = PlanPeriodJson.Write(period).ToJsonString();
            var row = rows.SingleOrDefault(r => r.Id == period.Id);
            if (row is null)
            {
                db.PlanPeriods.Add(new PlanPeriodRecord
                {
                    Id = period.Id,
                    FirstYear = period.FirstYear,
                    LastYear = period.LastYear,
                    Json = json,
                    Source = PlanPeriodSource.Imported,
                    UpdatedAt = now,
                });
                added.Add(period.Id);
                AddVersion(db, period.Id, await NextVersionAsync(db, period.Id, cancellationToken), json, via, changedBy, now);
            }
            else if (row.Json != json)
            {
                (row.FirstYear, row.LastYear, row.Json, row.Source, row.UpdatedAt) = (period.FirstYear, period.LastYear, json, PlanPeriodSource.Imported, now);
                changed.Add(period.Id);
                AddVersion(db, period.Id, await NextVersionAsync(db, period.Id, cancellationToken), json, via, changedBy, now);
            }
            else
            {
                unchanged.Add(period.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _cached = (merged, Stopwatch.GetTimestamp());
        return new PlanPeriodImportResult(added, changed, unchanged);
    }

    /// <summary>Confirms carried-over fields of a stored period: they leave its <c>carriedOver</c> list (the list goes when
    /// it empties), the values stay as they are; stored through <see cref="ImportAsync(PlanPeriodCatalog, string, string, CancellationToken)"/>, so the same checks hold.</summary>
    /// <exception cref="ArgumentException">No stored period has the id, or a field is not one it carries over.</exception>
    public async Task<PlanPeriodImportResult> ConfirmAsync(string periodId, IReadOnlyCollection<string> fields, string changedBy = "system", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string stored;
        await using (var db = database.CreateContext())
        {
            stored = await db.PlanPeriods.AsNoTracking().Where(r => r.Id == periodId).Select(r => r.Json).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ArgumentException($"没有规划期“{periodId}” / no plan period '{periodId}'", nameof(periodId));
        }

        var json = JsonNode.Parse(stored)!.AsObject();
        var carried = (json["carriedOver"]?["fields"] as JsonArray)?.Select(f => f!.GetValue<string>()).ToList() ?? [];
        if (fields.Count == 0)
        {
            throw new ArgumentException("请选择要确认的项目 / no field chosen", nameof(fields));
        }

        if (fields.FirstOrDefault(f => !carried.Contains(f, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ArgumentException($"“{(unknown.Length > 80 ? unknown[..80] + "…" : unknown)}”不是该规划期待确认的项目 / not a carried-over field", nameof(fields));
        }

        var remaining = carried.Where(f => !fields.Contains(f, StringComparer.Ordinal)).ToList();
        if (remaining.Count == 0)
        {
            json.Remove("carriedOver");
        }
        else
        {
            json["carriedOver"]!["fields"] = new JsonArray(remaining.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }

        return await ImportAsync(PlanPeriodCatalog.Parse(new JsonObject { ["planPeriods"] = new JsonArray(json) }.ToJsonString()), changedBy, "confirm", cancellationToken);
    }

    /// <summary>A period's stored versions, newest first (empty for an id never stored).</summary>
    public async Task<IReadOnlyList<PlanPeriodVersion>> HistoryAsync(string periodId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.PlanPeriodVersions.AsNoTracking().Where(v => v.PeriodId == periodId).OrderByDescending(v => v.Version)
            .Select(v => new PlanPeriodVersion(v.PeriodId, v.Version, v.Via, v.ChangedBy, v.ChangedAt, v.Json)).ToListAsync(cancellationToken);
    }

    /// <summary>The latest version of every stored period, by id.</summary>
    public async Task<IReadOnlyDictionary<string, PlanPeriodVersion>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var latest = db.PlanPeriodVersions.GroupBy(v => v.PeriodId).Select(g => g.Max(v => v.Id));
        return await db.PlanPeriodVersions.AsNoTracking().Where(v => latest.Contains(v.Id))
            .Select(v => new PlanPeriodVersion(v.PeriodId, v.Version, v.Via, v.ChangedBy, v.ChangedAt, v.Json))
            .ToDictionaryAsync(v => v.PeriodId, cancellationToken);
    }

    /// <summary>The number the period's next version takes (its stored versions only: one new version per period per
    /// save).</summary>
    private static async Task<int> NextVersionAsync(WorkflowDbContext db, string periodId, CancellationToken cancellationToken) =>
        (await db.PlanPeriodVersions.Where(v => v.PeriodId == periodId).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;

    private static void AddVersion(WorkflowDbContext db, string periodId, int version, string json, string via, string changedBy, DateTimeOffset now) =>
        db.PlanPeriodVersions.Add(new PlanPeriodVersionRecord
        {
            PeriodId = periodId,
            Version = version,
            Json = json,
            Via = via.Length <= 32 ? via : via[..32],
            ChangedBy = changedBy.Length <= 256 ? changedBy : changedBy[..256],
            ChangedAt = now,
        });

    /// <summary>Adds the shipped periods the table lacks: all of them into an empty table; later, a shipped period whose
    /// id is missing and whose years no stored period covers. Stored periods are never changed, so an administrator's
    /// imports survive upgrades; only a field added to the format since they were stored is filled in
    /// (<see cref="AddMeasuresTitle"/>).</summary>
    internal static async Task SeedAsync(WorkflowDatabase database, PlanPeriodCatalog shipped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        var rows = await db.PlanPeriods.ToListAsync(cancellationToken);
        var versioned = (await db.PlanPeriodVersions.Select(v => v.PeriodId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var next = 1;
            if (!versioned.Contains(row.Id))
            {
                // Stored before periods kept versions: the state found becomes the first.
                AddVersion(db, row.Id, next++, row.Json, "seed", "system", row.UpdatedAt);
            }
            else
            {
                next = await NextVersionAsync(db, row.Id, cancellationToken);
            }

            if (AddMeasuresTitle(row.Id, row.FirstYear, row.Json, shipped) is { } upgraded)
            {
                (row.Json, row.UpdatedAt) = (upgraded, now);
                AddVersion(db, row.Id, next, upgraded, "upgrade", "system", now);
            }
        }

        var stored = rows.Select(p => new { p.Id, p.FirstYear, p.LastYear }).ToList();
        foreach (var period in shipped.Periods)
        {
            if (stored.Any(s => s.Id == period.Id || (s.FirstYear <= period.LastYear && period.FirstYear <= s.LastYear)))
            {
                continue;
            }

            db.PlanPeriods.Add(new PlanPeriodRecord
            {
                Id = period.Id,
                FirstYear = period.FirstYear,
                LastYear = period.LastYear,
                Json = PlanPeriodJson.Write(period).ToJsonString(),
                Source = PlanPeriodSource.Shipped,
                UpdatedAt = now,
            });
            AddVersion(db, period.Id, await NextVersionAsync(db, period.Id, cancellationToken), PlanPeriodJson.Write(period).ToJsonString(), "seed", "system", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A row stored before periods named their measures (no `measuresTitle`) takes the title of the shipped
    /// period of its id, or else of the shipped period it follows; unless that shipped period confirms the title for
    /// the same id, the title is listed in `carriedOver` for an administrator to confirm. Null when the row has a title
    /// or does not read (<see cref="GetCatalogAsync"/> reports that).</summary>
    internal static string? AddMeasuresTitle(string id, int firstYear, string storedJson, PlanPeriodCatalog shipped)
    {
        try
        {
            if (JsonNode.Parse(storedJson) is not JsonObject json || json.ContainsKey("measuresTitle") || shipped.Periods.Count == 0)
            {
                return null;
            }

            var source = shipped.FindById(id) ?? shipped.Periods.LastOrDefault(p => p.FirstYear <= firstYear) ?? shipped.Periods[0];
            json["measuresTitle"] = source.MeasuresTitle;
            if (source.Id != id || source.IsUnconfirmed("measuresTitle"))
            {
                if (json["carriedOver"] is not JsonObject carriedOver)
                {
                    carriedOver = new JsonObject { ["from"] = source.CarriedOverFrom ?? source.Id, ["fields"] = new JsonArray() };
                    json["carriedOver"] = carriedOver;
                }

                carriedOver["fields"]?.AsArray().Add("measuresTitle");
            }

            using var document = JsonDocument.Parse(json.ToJsonString());
            return PlanPeriodJson.Write(PlanPeriodJson.Read(document.RootElement, id)).ToJsonString();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static PlanPeriodCatalog ToCatalog(IEnumerable<PlanPeriodRecord> rows)
    {
        var periods = new List<PlanPeriod>();
        foreach (var row in rows)
        {
            try
            {
                using var document = JsonDocument.Parse(row.Json);
                periods.Add(PlanPeriodJson.Read(document.RootElement, row.Id));
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                throw new InvalidOperationException($"数据库中的规划期“{row.Id}”无法读取 / stored plan period '{row.Id}' cannot be read: {e.Message}", e);
            }
        }

        return new PlanPeriodCatalog(periods);
    }
}
