using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Calendar;

/// <summary>
/// The calendar arrangements administrators keep (tables `calendar_arrangements`, one row per layer, key and year, and
/// `calendar_versions`, one row per saved change), applied to the process's <see cref="OfficialCalendar"/> whole
/// (<see cref="OfficialCalendar.ApplyStored"/>): a saved year replaces that year of the shipped data. A save through this
/// store applies at once; a save by another process (another server, the CLI) is applied by <see cref="RefreshAsync"/>,
/// which reads the table again only when the version counter (the highest version id and the number of version rows)
/// has moved. Servers call it on start and every
/// <see cref="RefreshInterval"/>.
/// </summary>
/// <param name="time">Stamps changes (the drill clock in rehearsals).</param>
public sealed class CalendarStore(WorkflowDatabase database, OfficialCalendar calendar, PartyDirectory parties, TimeProvider? time = null)
{
    /// <summary>How often a server looks for changes saved by other processes.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>Years an arrangement may be entered for.</summary>
    public const int FirstYear = 2000;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2100;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private long _appliedVersion = -1;
    private long _appliedCount = -1;

    /// <summary>The calendar the stored years are applied to.</summary>
    public OfficialCalendar Calendar => calendar;

    /// <summary>The highest version id applied to <see cref="Calendar"/> (0: no stored change; -1: not read yet).</summary>
    public long AppliedVersion => Interlocked.Read(ref _appliedVersion);

    /// <summary>Applies the stored arrangements when the version counter moved since they were last applied (or always
    /// with <paramref name="force"/>); true when it applied them.</summary>
    /// <exception cref="InvalidOperationException">A stored row no longer reads (edited by hand in the database).</exception>
    public async Task<bool> RefreshAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();

            // The highest id and the number of version rows: on PostgreSQL ids are taken before commit, so a change
            // with a lower id can commit after one with a higher id; the count still moves then.
            var counter = await db.CalendarVersions.GroupBy(v => 1).Select(g => new { Max = g.Max(v => v.Id), Count = g.LongCount() }).SingleOrDefaultAsync(cancellationToken);
            var (version, count) = (counter?.Max ?? 0, counter?.Count ?? 0);
            if (!force && version == Interlocked.Read(ref _appliedVersion) && count == Interlocked.Read(ref _appliedCount))
            {
                return false;
            }

            var rows = await db.CalendarArrangements.AsNoTracking().ToListAsync(cancellationToken);
            calendar.ApplyStored(ToStored(rows));
            Interlocked.Exchange(ref _appliedVersion, version);
            Interlocked.Exchange(ref _appliedCount, count);
            return true;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>The stored years, by layer, key and year.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> ListAsync(int? year = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.CalendarArrangements.AsNoTracking();
        if (year is { } y)
        {
            query = query.Where(r => r.Year == y);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Year).ThenBy(r => r.Layer).ThenBy(r => r.CalendarKey, StringComparer.Ordinal)
            .Select(r => new CalendarEntry(r.Layer, KeyOf(r.CalendarKey), r.Year, r.Version, Read(r.Json, r.Year, Describe(r)), r.Source, null, r.ChangedBy, r.ChangedAt))];
    }

    /// <summary>Every saved change of the year, newest first.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> HistoryAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.CalendarVersions.AsNoTracking().Where(v => v.Year == year).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Id)
            .Select(r => new CalendarEntry(r.Layer, KeyOf(r.CalendarKey), r.Year, r.Version, Read(r.Json, r.Year, $"version {r.Id}"), r.Source, r.Via, r.ChangedBy, r.ChangedAt))];
    }

    /// <summary>Saves one year of one layer, replacing what was stored for it; audited as `calendar.save`.</summary>
    /// <param name="calendarKey">The prefecture's party id for <see cref="CalendarLayerKind.Prefecture"/>, else null.</param>
    /// <param name="via">How it came, for the version row (`api`, `console`).</param>
    /// <exception cref="ArgumentException">The key is not a prefecture, or the year is out of range (Chinese message).</exception>
    public async Task<CalendarSaveResult> SaveAsync(
        CalendarLayerKind layer,
        string? calendarKey,
        YearArrangement year,
        string? source,
        AuditActor actor,
        string via,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(year);
        var results = await SaveAllAsync(layer, calendarKey, [year], source, actor, via, cancellationToken);
        return results[0];
    }

    /// <summary>Saves every year of a data file into one layer, all or nothing; each year replaces what was stored
    /// for it. Audited as one `calendar.import`.</summary>
    /// <exception cref="ArgumentException">The key is not a prefecture, the file has no years, or a year is out of range (Chinese message).</exception>
    public async Task<IReadOnlyList<CalendarSaveResult>> ImportAsync(
        CalendarLayerKind layer,
        string? calendarKey,
        HolidayArrangement file,
        AuditActor actor,
        string via,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Years.Count == 0)
        {
            throw new ArgumentException("文件中没有任何年份的安排（years 为空）。", nameof(file));
        }

        return await SaveAllAsync(layer, calendarKey, file.Years, file.Source, actor, via, cancellationToken, import: true);
    }

    /// <summary>The Chinese refusal for a calendar key of <paramref name="layer"/>, or null when it is fine.</summary>
    public string? CheckKey(CalendarLayerKind layer, string? calendarKey)
    {
        if (layer != CalendarLayerKind.Prefecture)
        {
            return string.IsNullOrEmpty(calendarKey) ? null : "国家和全区安排不属于某个地市，不应指定地市。";
        }

        if (string.IsNullOrWhiteSpace(calendarKey))
        {
            return "请指定地市（其参与方标识，如 lhasa）。";
        }

        return parties.FindById(calendarKey) is { Role: PartyRole.Prefecture }
            ? null
            : $"“{Shorten(calendarKey)}”不是地市的参与方标识（应为 {string.Join("、", parties.WithRole(PartyRole.Prefecture).Select(p => p.Id))} 之一）。";
    }

    /// <summary>The Chinese refusal for a year out of range, or null.</summary>
    public static string? CheckYear(int year) =>
        year is >= FirstYear and <= LastYear ? null : $"年份应在 {FirstYear} 至 {LastYear} 之间。";

    private async Task<IReadOnlyList<CalendarSaveResult>> SaveAllAsync(
        CalendarLayerKind layer,
        string? calendarKey,
        IReadOnlyList<YearArrangement> years,
        string? source,
        AuditActor actor,
        string via,
        CancellationToken cancellationToken,
        bool import = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckKey(layer, calendarKey) is { } keyError)
        {
            throw new ArgumentException(keyError, nameof(calendarKey));
        }

        if (years.Select(y => CheckYear(y.Year)).FirstOrDefault(e => e is not null) is { } yearError)
        {
            throw new ArgumentException(yearError, nameof(years));
        }

        var key = layer == CalendarLayerKind.Prefecture ? calendarKey! : string.Empty;
        source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        if (source is { Length: > 500 })
        {
            throw new ArgumentException("来源（发文）不能超过 500 个字符。", nameof(source));
        }

        var target = $"{Wire(layer)}:{(key.Length == 0 ? "" : key + ":")}{string.Join(",", years.Select(y => y.Year))}";
        var detail = $"via={via}; years={string.Join(",", years.Select(y => $"{y.Year}({y.DaysOff.Count} off, {y.WorkingDays.Count} working)"))}";
        using var audit = AuditScope.Record(actor.Entry(import ? "calendar.import" : "calendar.save", "calendar", target[..Math.Min(target.Length, 200)], detail: detail[..Math.Min(detail.Length, 2000)]));
        var results = new List<CalendarSaveResult>();
        var now = _time.GetUtcNow().ToUniversalTime();
        await using (var db = database.CreateContext())
        {
            await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
            var stored = await db.CalendarArrangements.Where(r => r.Layer == layer && r.CalendarKey == key).ToListAsync(cancellationToken);
            foreach (var year in years)
            {
                var json = new HolidayArrangement([year]).ToJson();
                var row = stored.SingleOrDefault(r => r.Year == year.Year);
                if (row is not null && row.Json == json && row.Source == source)
                {
                    results.Add(new CalendarSaveResult(layer, KeyOf(key), year.Year, row.Version, false));
                    continue;
                }

                if (row is null)
                {
                    row = new CalendarArrangementRecord { Layer = layer, CalendarKey = key, Year = year.Year, Json = json, ChangedBy = actor.User };
                    db.CalendarArrangements.Add(row);
                }

                (row.Json, row.Source, row.Version, row.ChangedBy, row.ChangedAt) = (json, source, row.Version + 1, actor.User, now);
                db.CalendarVersions.Add(new CalendarVersionRecord
                {
                    Layer = layer,
                    CalendarKey = key,
                    Year = year.Year,
                    Version = row.Version,
                    Json = json,
                    Source = source,
                    Via = via.Length <= 300 ? via : via[..300],
                    ChangedBy = actor.User,
                    ChangedAt = now,
                });
                results.Add(new CalendarSaveResult(layer, KeyOf(key), year.Year, row.Version, true));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await RefreshAsync(cancellationToken: CancellationToken.None);
        return results;
    }

    /// <summary>The layer's name on the wire and in audit targets.</summary>
    public static string Wire(CalendarLayerKind layer) => layer switch
    {
        CalendarLayerKind.National => "national",
        CalendarLayerKind.Regional => "regional",
        _ => "prefecture",
    };

    private static StoredCalendar ToStored(List<CalendarArrangementRecord> rows)
    {
        var national = rows.Where(r => r.Layer == CalendarLayerKind.National).Select(r => Read(r.Json, r.Year, Describe(r))).ToList();
        var regional = rows.Where(r => r.Layer == CalendarLayerKind.Regional).Select(r => Read(r.Json, r.Year, Describe(r))).ToList();
        var overrides = rows.Where(r => r.Layer == CalendarLayerKind.Prefecture)
            .GroupBy(r => r.CalendarKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<YearArrangement>)[.. g.Select(r => Read(r.Json, r.Year, Describe(r)))], StringComparer.Ordinal);
        return new StoredCalendar(national, regional, overrides);
    }

    private static YearArrangement Read(string json, int year, string what)
    {
        try
        {
            return HolidayArrangement.Parse(json).Years.Single(y => y.Year == year);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"数据库中的日历安排（{what}）无法读取 / stored calendar arrangement ({what}) cannot be read: {e.Message}", e);
        }
    }

    private static string Describe(CalendarArrangementRecord row) => $"{Wire(row.Layer)} {row.CalendarKey} {row.Year}".Replace("  ", " ", StringComparison.Ordinal);

    private static string? KeyOf(string key) => key.Length == 0 ? null : key;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
