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

    /// <summary>New rows and versions by binary COPY on PostgreSQL (off: through EF Core as on SQLite, which the tests
    /// compare it with).</summary>
    internal bool BinaryCopy { get; init; } = true;

    /// <summary>Stores the figures in one transaction.</summary>
    /// <exception cref="ArgumentException">Two figures share a line.</exception>
    public Task<LedgerSaveCounts> SaveLedgerAsync(IReadOnlyList<LedgerValue> values, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SaveAsync(StoredLines, values, change, cancellationToken);
    }

    /// <summary>Stores the targets in one transaction.</summary>
    /// <exception cref="ArgumentException">Two targets share a prefecture, year and pollutant.</exception>
    public Task<LedgerSaveCounts> SaveTargetsAsync(IReadOnlyList<TargetValue> values, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SaveAsync(StoredTargets, values, change, cancellationToken);
    }

    /// <summary>Stores the key projects in one transaction (a project is known by its prefecture and name).</summary>
    /// <exception cref="ArgumentException">Two projects share a prefecture and name.</exception>
    public Task<LedgerSaveCounts> SaveKeyProjectsAsync(IReadOnlyList<KeyProjectValue> values, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SaveAsync(StoredKeyProjects, values, change, cancellationToken);
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

        return await query.OrderBy(e => e.PrefectureId).ThenBy(e => e.Year).ThenBy(e => e.Pollutant).ThenBy(e => e.Sector).ThenBy(e => e.Enterprise)
            .Select(e => new LedgerEntry(
                new LedgerValue(e.PrefectureId, e.Year, e.Pollutant, e.Sector, e.Enterprise, e.Tonnes),
                new LedgerStamp(e.Version, e.Source, e.ChangedBy, e.ChangedAt, e.Reason)))
            .ToListAsync(cancellationToken);
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

        return await query.OrderBy(t => t.PrefectureId).ThenBy(t => t.Year).ThenBy(t => t.Pollutant)
            .Select(t => new StoredTarget(
                new TargetValue(t.PrefectureId, t.Year, t.Pollutant, t.Kind, t.Value),
                new LedgerStamp(t.Version, t.Source, t.ChangedBy, t.ChangedAt, t.Reason)))
            .ToListAsync(cancellationToken);
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

        return await query.OrderBy(p => p.PrefectureId).ThenBy(p => p.DueDate).ThenBy(p => p.Name)
            .Select(p => new StoredKeyProject(
                new KeyProjectValue(p.PrefectureId, p.Name, p.DueDate, p.Note),
                new LedgerStamp(p.Version, p.Source, p.ChangedBy, p.ChangedAt, p.Reason)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A value's versions, newest first: its current state (the row itself) and every earlier one (the
    /// `ledger_versions` rows), when the caller may read the value (an enterprise's line only within its prefecture
    /// and the EPB); empty otherwise.</summary>
    public async Task<IReadOnlyList<LedgerVersion>> HistoryAsync(PartyScope scope, string kind, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        var prefecture = key.Split('/')[0];
        var enterpriseLine = kind == LedgerKeys.LedgerKind && !key.EndsWith('/');
        var allowed = scope.IsEverything || scope.Owns(prefecture) || (scope.ReadsAssessmentData && !enterpriseLine);
        if (!allowed)
        {
            return [];
        }

        await using var db = database.CreateContext();
        var current = kind switch
        {
            LedgerKeys.LedgerKind => await StoredLines.CurrentAsync(db, key, cancellationToken),
            LedgerKeys.TargetKind => await StoredTargets.CurrentAsync(db, key, cancellationToken),
            LedgerKeys.KeyProjectKind => await StoredKeyProjects.CurrentAsync(db, key, cancellationToken),
            _ => null,
        };
        if (current is null)
        {
            return [];
        }

        var earlier = await db.Versions.AsNoTracking().Where(v => v.Kind == kind && v.Key == key && v.PrefectureId == prefecture && v.Version < current.Version)
            .OrderByDescending(v => v.Version)
            .Select(v => new LedgerVersion(v.Kind, v.Key, v.Version, v.Value, new LedgerStamp(v.Version, v.Source, v.ChangedBy, v.ChangedAt, v.Reason)))
            .ToListAsync(cancellationToken);
        return [current, .. earlier];
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

    /// <summary>Stores values of one kind all or nothing, in one transaction: each value new to the store or different
    /// from it is stamped with the change; a changed value's earlier state moves to a version row first; a value given
    /// as stored is left alone. Only values of prefectures (and years) that hold values already are looked up, so a new
    /// year's import reads nothing back. New rows and the versions go in by binary COPY on PostgreSQL, through the
    /// change tracker on SQLite; changed rows are updated by EF Core.</summary>
    private async Task<LedgerSaveCounts> SaveAsync<TValue, TRecord>(StoredKind<TValue, TRecord> kind, IReadOnlyList<TValue> values, LedgerChange change, CancellationToken cancellationToken)
        where TRecord : class, IVersionedRecord
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(change);
        var given = Distinct(values, kind.Key);
        await using var db = database.CreateContext();
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var (now, changedBy, reason) = (_time.GetUtcNow().ToUniversalTime(), Clip(change.ChangedBy, 256), ClipReason(change.Reason));
        var held = (await kind.Held(db, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var lookedUp = given.Values.Where(v => held.Contains(kind.Holder(v))).ToList();
        var stored = new Dictionary<string, TRecord>(StringComparer.Ordinal);
        if (lookedUp.Count > 0)
        {
            await foreach (var row in kind.Stored(db, lookedUp).AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                stored[kind.StoredKey(row)] = row;
            }
        }

        var rows = new List<TRecord>();
        var versions = new List<LedgerVersionRecord>();
        int changed = 0, unchanged = 0;

        // In key order: rows and versions then reach the unique indexes near their right end, where PostgreSQL adds
        // index entries fastest (the order of the indexes when the database sorts by code point, as C.UTF-8 does).
        foreach (var (key, value) in given.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!stored.TryGetValue(key, out var row))
            {
                row = kind.Create(value, change.Source);
                rows.Add(row);
            }
            else if (kind.Same(row, value))
            {
                unchanged++;
                continue;
            }
            else
            {
                versions.Add(new LedgerVersionRecord
                {
                    Kind = kind.Name,
                    Key = key,
                    PrefectureId = kind.PrefectureId(value),
                    Version = row.Version,
                    Value = Clip(kind.StoredText(row), LedgerLimits.ReasonLength + 100),
                    Source = row.Source,
                    ChangedBy = row.ChangedBy,
                    ChangedAt = row.ChangedAt,
                    Reason = row.Reason,
                });
                db.Attach(row);
                changed++;
            }

            kind.Apply(row, value);
            row.Version++;
            (row.Source, row.ChangedBy, row.ChangedAt, row.Reason) = (change.Source, changedBy, now, reason);
        }

        if (database.IsPostgres && BinaryCopy)
        {
            await db.SaveChangesAsync(cancellationToken);
            await PostgresCopy.InsertAsync(db, rows, cancellationToken);
            await PostgresCopy.InsertAsync(db, versions, cancellationToken);
        }
        else
        {
            db.AddRange(rows);
            db.AddRange(versions);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new LedgerSaveCounts(rows.Count, changed, unchanged);
    }

    /// <summary>How one kind of value is stored: its name in `ledger_versions`, its key (of a value and of a stored row),
    /// the stored rows a save may touch, which prefectures (and years) hold rows at all, a new row, whether a row
    /// already holds a value, setting it, a stored row's value as its version row records it, and the row of a key.</summary>
    private sealed record StoredKind<TValue, TRecord>(
        string Name,
        Func<TValue, string> Key,
        Func<TRecord, string> StoredKey,
        Func<TValue, string> PrefectureId,
        Func<LedgerDbContext, IReadOnlyCollection<TValue>, IQueryable<TRecord>> Stored,
        Func<LedgerDbContext, CancellationToken, Task<IEnumerable<string>>> Held,
        Func<TValue, string> Holder,
        Func<TValue, string, TRecord> Create,
        Func<TRecord, TValue, bool> Same,
        Action<TRecord, TValue> Apply,
        Func<TRecord, string> StoredText,
        Func<LedgerDbContext, string, IQueryable<TRecord>?> ByKey)
        where TRecord : class, IVersionedRecord
    {
        /// <summary>The current state of the value with the key, as the newest entry of its history; null when there is
        /// no such value.</summary>
        public async Task<LedgerVersion?> CurrentAsync(LedgerDbContext db, string key, CancellationToken cancellationToken)
        {
            if (ByKey(db, key) is not { } query || await query.AsNoTracking().FirstOrDefaultAsync(cancellationToken) is not { } row)
            {
                return null;
            }

            return new LedgerVersion(Name, key, row.Version, StoredText(row), new LedgerStamp(row.Version, row.Source, row.ChangedBy, row.ChangedAt, row.Reason));
        }
    }

    private static readonly StoredKind<LedgerValue, LedgerEntryRecord> StoredLines = new(
        LedgerKeys.LedgerKind,
        v => v.Key,
        e => LedgerKeys.Entry(e.PrefectureId, e.Year, e.Pollutant, e.Sector, e.Enterprise),
        v => v.PrefectureId,
        (db, values) =>
        {
            if (db.Database.IsNpgsql())
            {
                // The lines by their key, each found through the unique index (a long IN list would be compared
                // element by element on every row once PostgreSQL plans the prepared statement generically).
                return db.Entries.FromSql($"""
                    SELECT e.* FROM ledger.ledger_entries AS e
                    JOIN unnest({values.Select(v => v.PrefectureId).ToArray()}, {values.Select(v => v.Year).ToArray()}, {values.Select(v => v.Pollutant).ToArray()}, {values.Select(v => v.Sector).ToArray()}, {values.Select(v => v.Enterprise).ToArray()}) AS k(prefecture, year, pollutant, sector, enterprise)
                    ON e."PrefectureId" = k.prefecture AND e."Year" = k.year AND e."Pollutant" = k.pollutant AND e."Sector" = k.sector AND e."Enterprise" = k.enterprise
                    """);
            }

            var prefectures = values.Select(v => v.PrefectureId).Distinct().ToList();
            var years = values.Select(v => v.Year).Distinct().ToList();
            return db.Entries.Where(e => prefectures.Contains(e.PrefectureId) && years.Contains(e.Year));
        },
        async (db, cancellationToken) => (await db.Entries.Select(e => new { e.PrefectureId, e.Year }).Distinct().ToListAsync(cancellationToken)).Select(h => Holding(h.PrefectureId, h.Year)),
        v => Holding(v.PrefectureId, v.Year),
        (v, source) => new LedgerEntryRecord { PrefectureId = v.PrefectureId, Year = v.Year, Pollutant = v.Pollutant, Sector = v.Sector, Enterprise = v.Enterprise, Source = source, ChangedBy = string.Empty },
        (row, v) => row.Tonnes == v.Tonnes,
        (row, v) => row.Tonnes = v.Tonnes,
        row => Text(row.Tonnes),
        (db, key) => key.Split('/', 5) is [var prefecture, var y, var pollutant, var sector, var enterprise] && Year(y) is { } year
            ? db.Entries.Where(e => e.PrefectureId == prefecture && e.Year == year && e.Pollutant == pollutant && e.Sector == sector && e.Enterprise == enterprise)
            : null);

    private static readonly StoredKind<TargetValue, TargetRecord> StoredTargets = new(
        LedgerKeys.TargetKind,
        v => v.Key,
        t => LedgerKeys.Target(t.PrefectureId, t.Year, t.Pollutant),
        v => v.PrefectureId,
        (db, values) =>
        {
            var prefectures = values.Select(v => v.PrefectureId).Distinct().ToList();
            var years = values.Select(v => v.Year).Distinct().ToList();
            return db.Targets.Where(t => prefectures.Contains(t.PrefectureId) && years.Contains(t.Year));
        },
        async (db, cancellationToken) => (await db.Targets.Select(t => new { t.PrefectureId, t.Year }).Distinct().ToListAsync(cancellationToken)).Select(h => Holding(h.PrefectureId, h.Year)),
        v => Holding(v.PrefectureId, v.Year),
        (v, source) => new TargetRecord { PrefectureId = v.PrefectureId, Year = v.Year, Pollutant = v.Pollutant, Kind = v.Kind, Source = source, ChangedBy = string.Empty },
        (row, v) => row.Kind == v.Kind && row.Value == v.Value,
        (row, v) => (row.Kind, row.Value) = (v.Kind, v.Value),
        row => $"{row.Kind} {Text(row.Value)}",
        (db, key) => key.Split('/', 3) is [var prefecture, var y, var pollutant] && Year(y) is { } year
            ? db.Targets.Where(t => t.PrefectureId == prefecture && t.Year == year && t.Pollutant == pollutant)
            : null);

    private static readonly StoredKind<KeyProjectValue, KeyProjectRecord> StoredKeyProjects = new(
        LedgerKeys.KeyProjectKind,
        v => v.Key,
        p => LedgerKeys.KeyProject(p.PrefectureId, p.Name),
        v => v.PrefectureId,
        (db, values) =>
        {
            var prefectures = values.Select(v => v.PrefectureId).Distinct().ToList();
            return db.KeyProjects.Where(p => prefectures.Contains(p.PrefectureId));
        },
        async (db, cancellationToken) => await db.KeyProjects.Select(p => p.PrefectureId).Distinct().ToListAsync(cancellationToken),
        v => v.PrefectureId,
        (v, source) => new KeyProjectRecord { PrefectureId = v.PrefectureId, Name = v.Name, Source = source, ChangedBy = string.Empty },
        (row, v) => row.DueDate == v.DueDate && row.Note == v.Note,
        (row, v) => (row.DueDate, row.Note) = (v.DueDate, v.Note),
        row => row.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (row.Note is { Length: > 0 } note ? " " + note : string.Empty),
        (db, key) => key.Split('/', 2) is [var prefecture, var name] ? db.KeyProjects.Where(p => p.PrefectureId == prefecture && p.Name == name) : null);

    /// <summary>A prefecture's values of one year, as <see cref="StoredKind{TValue, TRecord}.Held"/> names them.</summary>
    private static string Holding(string prefectureId, int year) => string.Create(CultureInfo.InvariantCulture, $"{prefectureId}/{year}");

    private static int? Year(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>The values by key; a key given twice is refused.</summary>
    private static Dictionary<string, T> Distinct<T>(IReadOnlyList<T> values, Func<T, string> key)
    {
        var given = new Dictionary<string, T>(values.Count, StringComparer.Ordinal);
        foreach (var value in values)
        {
            var name = key(value);
            if (!given.TryAdd(name, value))
            {
                throw new ArgumentException($"重复的数据行：{name} / duplicate line", nameof(values));
            }
        }

        return given;
    }

    /// <summary>A stored figure in a version row: without trailing zeros, as both databases give it back alike (SQLite
    /// keeps decimals as text of its own form).</summary>
    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? ClipReason(string? reason) => reason is null ? null : Clip(reason, LedgerLimits.ReasonLength);
}
