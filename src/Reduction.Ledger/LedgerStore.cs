using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Ledger.Persistence;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger;

/// <summary>
/// The emission ledger, the targets and the key projects (DOMAIN sections 1 and 4, measures art. 5): saved all or
/// nothing, each changed value versioned with who, when, the source and why; a value given as it is stored changes
/// nothing. Reads take the caller's <see cref="PartyScope"/> into the query (art. 13): a prefecture reads its own
/// lines, the assessing departments and the government every prefecture's own figures but never an enterprise's
/// (统计法 art. 9), the EPB everything, anyone else nothing.
/// </summary>
public sealed class LedgerStore(LedgerDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Stores the figures in one transaction.</summary>
    /// <exception cref="ArgumentException">Two figures share a line.</exception>
    public async Task<LedgerSaveCounts> SaveLedgerAsync(IReadOnlyList<LedgerValue> values, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(change);
        var given = Distinct(values, v => v.Key);
        await using var db = database.CreateContext();
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var prefectures = given.Values.Select(v => v.PrefectureId).Distinct().ToList();
        var years = given.Values.Select(v => v.Year).Distinct().ToList();
        var stored = (await db.Entries.Where(e => prefectures.Contains(e.PrefectureId) && years.Contains(e.Year)).ToListAsync(cancellationToken))
            .ToDictionary(e => LedgerKeys.Entry(e.PrefectureId, e.Year, e.Pollutant, e.Sector, e.Enterprise), StringComparer.Ordinal);
        var now = _time.GetUtcNow().ToUniversalTime();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var (key, value) in given)
        {
            if (!stored.TryGetValue(key, out var row))
            {
                row = new LedgerEntryRecord
                {
                    PrefectureId = value.PrefectureId,
                    Year = value.Year,
                    Pollutant = value.Pollutant,
                    Sector = value.Sector,
                    Enterprise = value.Enterprise,
                    Source = change.Source,
                    ChangedBy = string.Empty,
                };
                db.Entries.Add(row);
                added++;
            }
            else if (row.Tonnes == value.Tonnes)
            {
                unchanged++;
                continue;
            }
            else
            {
                changed++;
            }

            row.Tonnes = value.Tonnes;
            row.Version++;
            (row.Source, row.ChangedBy, row.ChangedAt, row.Reason) = (change.Source, Clip(change.ChangedBy, 256), now, ClipReason(change.Reason));
            AddVersion(db, LedgerKeys.LedgerKind, key, value.PrefectureId, row.Version, Text(value.Tonnes), change, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LedgerSaveCounts(added, changed, unchanged);
    }

    /// <summary>Stores the targets in one transaction.</summary>
    /// <exception cref="ArgumentException">Two targets share a prefecture, year and pollutant.</exception>
    public async Task<LedgerSaveCounts> SaveTargetsAsync(IReadOnlyList<TargetValue> values, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(change);
        var given = Distinct(values, v => v.Key);
        await using var db = database.CreateContext();
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var prefectures = given.Values.Select(v => v.PrefectureId).Distinct().ToList();
        var years = given.Values.Select(v => v.Year).Distinct().ToList();
        var stored = (await db.Targets.Where(t => prefectures.Contains(t.PrefectureId) && years.Contains(t.Year)).ToListAsync(cancellationToken))
            .ToDictionary(t => LedgerKeys.Target(t.PrefectureId, t.Year, t.Pollutant), StringComparer.Ordinal);
        var now = _time.GetUtcNow().ToUniversalTime();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var (key, value) in given)
        {
            if (!stored.TryGetValue(key, out var row))
            {
                row = new TargetRecord { PrefectureId = value.PrefectureId, Year = value.Year, Pollutant = value.Pollutant, Kind = value.Kind, Source = change.Source, ChangedBy = string.Empty };
                db.Targets.Add(row);
                added++;
            }
            else if (row.Kind == value.Kind && row.Value == value.Value)
            {
                unchanged++;
                continue;
            }
            else
            {
                changed++;
            }

            (row.Kind, row.Value) = (value.Kind, value.Value);
            row.Version++;
            (row.Source, row.ChangedBy, row.ChangedAt, row.Reason) = (change.Source, Clip(change.ChangedBy, 256), now, ClipReason(change.Reason));
            AddVersion(db, LedgerKeys.TargetKind, key, value.PrefectureId, row.Version, $"{value.Kind} {Text(value.Value)}", change, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LedgerSaveCounts(added, changed, unchanged);
    }

    /// <summary>Stores the key projects in one transaction (a project is known by its prefecture and name).</summary>
    /// <exception cref="ArgumentException">Two projects share a prefecture and name.</exception>
    public async Task<LedgerSaveCounts> SaveKeyProjectsAsync(IReadOnlyList<KeyProjectValue> values, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(change);
        var given = Distinct(values, v => v.Key);
        await using var db = database.CreateContext();
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var prefectures = given.Values.Select(v => v.PrefectureId).Distinct().ToList();
        var stored = (await db.KeyProjects.Where(p => prefectures.Contains(p.PrefectureId)).ToListAsync(cancellationToken))
            .ToDictionary(p => LedgerKeys.KeyProject(p.PrefectureId, p.Name), StringComparer.Ordinal);
        var now = _time.GetUtcNow().ToUniversalTime();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var (key, value) in given)
        {
            if (!stored.TryGetValue(key, out var row))
            {
                row = new KeyProjectRecord { PrefectureId = value.PrefectureId, Name = value.Name, Source = change.Source, ChangedBy = string.Empty };
                db.KeyProjects.Add(row);
                added++;
            }
            else if (row.DueDate == value.DueDate && row.Note == value.Note)
            {
                unchanged++;
                continue;
            }
            else
            {
                changed++;
            }

            (row.DueDate, row.Note) = (value.DueDate, value.Note);
            row.Version++;
            (row.Source, row.ChangedBy, row.ChangedAt, row.Reason) = (change.Source, Clip(change.ChangedBy, 256), now, ClipReason(change.Reason));
            var text = value.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (value.Note is { Length: > 0 } note ? " " + note : string.Empty);
            AddVersion(db, LedgerKeys.KeyProjectKind, key, value.PrefectureId, row.Version, text, change, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LedgerSaveCounts(added, changed, unchanged);
    }

    /// <summary>The ledger lines the caller may read, optionally of one prefecture and year, ordered by prefecture,
    /// year, pollutant, sector and enterprise.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(PartyScope scope, string? prefectureId = null, int? year = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = Scoped(db.Entries.AsNoTracking(), scope);
        if (prefectureId is not null)
        {
            query = query.Where(e => e.PrefectureId == prefectureId);
        }

        if (year is { } y)
        {
            query = query.Where(e => e.Year == y);
        }

        var rows = await query.OrderBy(e => e.PrefectureId).ThenBy(e => e.Year).ThenBy(e => e.Pollutant).ThenBy(e => e.Sector).ThenBy(e => e.Enterprise)
            .ToListAsync(cancellationToken);
        return rows.Select(e => new LedgerEntry(
            new LedgerValue(e.PrefectureId, e.Year, e.Pollutant, e.Sector, e.Enterprise, e.Tonnes),
            new LedgerStamp(e.Version, e.Source, e.ChangedBy, e.ChangedAt, e.Reason))).ToList();
    }

    /// <summary>The targets the caller may read: a prefecture its own, the region's bodies all.</summary>
    public async Task<IReadOnlyList<StoredTarget>> TargetsAsync(PartyScope scope, int? year = null, string? prefectureId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.Targets.AsNoTracking();
        query = scope.ReadsAssessmentData ? query : scope.PartyId is { } own && scope.Role == PartyRole.Prefecture ? query.Where(t => t.PrefectureId == own) : query.Where(t => false);
        if (prefectureId is not null)
        {
            query = query.Where(t => t.PrefectureId == prefectureId);
        }

        if (year is { } y)
        {
            query = query.Where(t => t.Year == y);
        }

        var rows = await query.OrderBy(t => t.PrefectureId).ThenBy(t => t.Year).ThenBy(t => t.Pollutant).ToListAsync(cancellationToken);
        return rows.Select(t => new StoredTarget(
            new TargetValue(t.PrefectureId, t.Year, t.Pollutant, t.Kind, t.Value),
            new LedgerStamp(t.Version, t.Source, t.ChangedBy, t.ChangedAt, t.Reason))).ToList();
    }

    /// <summary>The key projects the caller may read, by prefecture and due date.</summary>
    public async Task<IReadOnlyList<StoredKeyProject>> KeyProjectsAsync(PartyScope scope, string? prefectureId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.KeyProjects.AsNoTracking();
        query = scope.ReadsAssessmentData ? query : scope.PartyId is { } own && scope.Role == PartyRole.Prefecture ? query.Where(p => p.PrefectureId == own) : query.Where(p => false);
        if (prefectureId is not null)
        {
            query = query.Where(p => p.PrefectureId == prefectureId);
        }

        var rows = await query.OrderBy(p => p.PrefectureId).ThenBy(p => p.DueDate).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return rows.Select(p => new StoredKeyProject(
            new KeyProjectValue(p.PrefectureId, p.Name, p.DueDate, p.Note),
            new LedgerStamp(p.Version, p.Source, p.ChangedBy, p.ChangedAt, p.Reason))).ToList();
    }

    /// <summary>A value's versions, newest first, when the caller may read the value (an enterprise's line only
    /// within its prefecture and the EPB); empty otherwise.</summary>
    public async Task<IReadOnlyList<LedgerVersion>> HistoryAsync(PartyScope scope, string kind, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var prefecture = key.Split('/')[0];
        var enterpriseLine = kind == LedgerKeys.LedgerKind && !key.EndsWith('/');
        var allowed = scope.IsEverything || scope.Owns(prefecture) || (scope.ReadsAssessmentData && !enterpriseLine);
        if (!allowed)
        {
            return [];
        }

        await using var db = database.CreateContext();
        var rows = await db.Versions.AsNoTracking().Where(v => v.Kind == kind && v.Key == key && v.PrefectureId == prefecture)
            .OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return rows.Select(v => new LedgerVersion(v.Kind, v.Key, v.Version, v.Value, new LedgerStamp(v.Version, v.Source, v.ChangedBy, v.ChangedAt, v.Reason))).ToList();
    }

    /// <summary>Applies the scope to ledger lines in the query itself.</summary>
    internal static IQueryable<LedgerEntryRecord> Scoped(IQueryable<LedgerEntryRecord> query, PartyScope scope)
    {
        if (scope.IsEverything)
        {
            return query;
        }

        if (scope.Role == PartyRole.Prefecture && scope.PartyId is { } own)
        {
            return query.Where(e => e.PrefectureId == own);
        }

        return scope.ReadsAssessmentData ? query.Where(e => e.Enterprise == string.Empty) : query.Where(e => false);
    }

    private static Dictionary<string, T> Distinct<T>(IReadOnlyList<T> values, Func<T, string> key)
    {
        var given = new Dictionary<string, T>(values.Count, StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!given.TryAdd(key(value), value))
            {
                throw new ArgumentException($"重复的数据行：{key(value)} / duplicate line", nameof(values));
            }
        }

        return given;
    }

    private static void AddVersion(LedgerDbContext db, string kind, string key, string prefectureId, int version, string value, LedgerChange change, DateTimeOffset now) =>
        db.Versions.Add(new LedgerVersionRecord
        {
            Kind = kind,
            Key = key,
            PrefectureId = prefectureId,
            Version = version,
            Value = Clip(value, LedgerLimits.ReasonLength + 100),
            Source = change.Source,
            ChangedBy = Clip(change.ChangedBy, 256),
            ChangedAt = now,
            Reason = ClipReason(change.Reason),
        });

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? ClipReason(string? reason) => reason is null ? null : Clip(reason, LedgerLimits.ReasonLength);
}
