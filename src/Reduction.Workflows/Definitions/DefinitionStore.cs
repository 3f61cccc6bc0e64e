using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Definitions;

/// <summary>Workflow definitions in the database: drafts, immutable published versions (with their cron timers), and
/// a cache of parsed versions for the runtime, which reads a version on every burst.</summary>
public sealed class DefinitionStore
{
    private readonly Dictionary<(string, int), WorkflowDefinition> _cache = [];
    private readonly Lock _cacheLock = new();
    private readonly WorkflowDatabase _database;
    private readonly ActivityRegistry _registry;
    private readonly WorkflowRuntimeOptions _options;
    private readonly Func<DateTimeOffset> _utcNow;
    private readonly TimerArming _arming;
    private readonly ILogger _logger;

    internal DefinitionStore(WorkflowDatabase database, ActivityRegistry registry, WorkflowRuntimeOptions options, Func<DateTimeOffset> utcNow, TimerArming arming, ILogger logger)
    {
        _database = database;
        _registry = registry;
        _options = options;
        _utcNow = utcNow;
        _arming = arming;
        _logger = logger;
    }

    /// <summary>The draft, or the latest published version when there is no draft; null for an unknown definition.</summary>
    public async Task<DraftSnapshot?> GetDraftAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        var record = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && (d.Version == 0 || d.IsLatest))
            .OrderBy(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : SnapshotOf(record);
    }

    /// <summary>Saves the draft if it is still in the state <paramref name="expectedTag"/> names (a tag from
    /// <see cref="GetDraftAsync"/> or an earlier save). The check is part of the write (a conditional update, or the
    /// unique draft row for the first draft), so of two saves from the same state exactly one lands. Drafts never run.</summary>
    public async Task<DraftSaveResult> SaveDraftAsync(WorkflowDefinition definition, string expectedTag, string changedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var draft = Normalize(definition, 0);
        var json = DefinitionJson.Serialize(draft);
        var hash = ContentHash(draft);
        var stamp = Guid.NewGuid();
        var now = _utcNow();

        // A draft may be incomplete (no name yet); the column may not.
        var name = Truncate(definition.Name ?? string.Empty, 200)!;
        await using (var db = _database.CreateContext())
        {
            await using var transaction = await _database.BeginWriteTransactionAsync(db, cancellationToken);
            var saved = false;
            if (DraftTags.TryDraft(expectedTag, out var expected))
            {
                saved = await db.Definitions
                    .Where(d => d.DefinitionId == definition.Id && d.Version == 0 && d.Stamp == expected)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(d => d.Json, json).SetProperty(d => d.Name, name).SetProperty(d => d.Hash, hash)
                            .SetProperty(d => d.CreatedAt, now).SetProperty(d => d.Stamp, stamp).SetProperty(d => d.ChangedBy, changedBy),
                        cancellationToken) == 1;
            }
            else if (DraftTags.TryVersion(expectedTag, out var version)
                && !await db.Definitions.AnyAsync(d => d.DefinitionId == definition.Id && d.Version == 0, cancellationToken)
                && await IsLatestAsync(db, definition.Id, version, cancellationToken))
            {
                // The first draft: two racing saves both insert, and the unique (id, version) index refuses the second.
                db.Definitions.Add(new DefinitionRecord
                {
                    DefinitionId = definition.Id,
                    Version = 0,
                    Name = name,
                    Json = json,
                    Hash = hash,
                    CreatedAt = now,
                    Stamp = stamp,
                    ChangedBy = changedBy,
                });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    saved = true;
                }
                catch (DbUpdateException)
                {
                    saved = false;
                }
            }

            if (saved)
            {
                await transaction.CommitAsync(cancellationToken);
                return new DraftSaveResult(DraftSaveOutcome.Saved, DraftTags.OfDraft(stamp), changedBy, now);
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        var current = await GetDraftAsync(definition.Id, cancellationToken);
        return current is null
            ? new DraftSaveResult(DraftSaveOutcome.NotFound, null, null, null)
            : new DraftSaveResult(DraftSaveOutcome.Conflict, current.Tag, current.ChangedBy, current.ChangedAt);
    }

    /// <summary>Makes a new definition that has only a draft (nothing published, so nothing can start it until the
    /// draft is published), recorded as <c>workflow.create</c> by <paramref name="actor"/> in the same transaction.
    /// Refused when the id has any row, draft or version: an existing definition is changed through its draft. Two
    /// racing creates both insert, and the unique (id, version) index refuses the second.</summary>
    public async Task<DefinitionCreateResult> CreateAsync(WorkflowDefinition definition, AuditActor actor, string? how = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(actor);
        var draft = Normalize(definition, 0);
        var stamp = Guid.NewGuid();
        var now = _utcNow();
        await using var db = _database.CreateContext();
        await using var transaction = await _database.BeginWriteTransactionAsync(db, cancellationToken);
        if (await db.Definitions.AnyAsync(d => d.DefinitionId == definition.Id, cancellationToken))
        {
            return new DefinitionCreateResult(false, null, null);
        }

        db.Definitions.Add(new DefinitionRecord
        {
            DefinitionId = definition.Id,
            Version = 0,
            Name = Truncate(definition.Name ?? string.Empty, 200)!,
            Json = DefinitionJson.Serialize(draft),
            Hash = ContentHash(draft),
            CreatedAt = now,
            Stamp = stamp,
            ChangedBy = actor.User,
        });
        using var audit = AuditScope.Record(actor.Entry("workflow.create", "workflow", definition.Id, detail: Truncate($"name={definition.Name}; {how ?? "source=api"}", 2000)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new DefinitionCreateResult(false, null, null);
        }

        _logger.LogInformation("Created {DefinitionId} (draft only)", definition.Id);
        return new DefinitionCreateResult(true, DraftTags.OfDraft(stamp), now);
    }

    /// <summary>Publishes the draft as a new version by <paramref name="actor"/> (audited in the publishing
    /// transaction) and removes the draft, which that version now is. A draft that differs from the latest version
    /// only in its layout makes no version and stays, so the layout is kept.</summary>
    public async Task<DraftPublishResult> PublishDraftAsync(string definitionId, AuditActor actor, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _database.CreateContext();
            await using var transaction = await _database.BeginWriteTransactionAsync(db, cancellationToken);
            var draft = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == 0, cancellationToken);
            var latest = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatest, cancellationToken);
            if (draft is null)
            {
                return latest is null
                    ? new DraftPublishResult(DraftPublishOutcome.NotFound, null, [])
                    : new DraftPublishResult(DraftPublishOutcome.Unchanged, latest.Version, []);
            }

            var definition = DefinitionJson.Parse(draft.Json, $"{definitionId} draft");
            var findings = new DefinitionValidator(_registry).Validate(definition, definitionId);
            if (findings.Any(m => m.IsError))
            {
                return new DraftPublishResult(DraftPublishOutcome.Invalid, null, findings);
            }

            var origin = PublishOrigin.FromDesigner(actor.User, note);
            var published = AddVersion(db, definition, latest, origin);
            if (published is null)
            {
                return new DraftPublishResult(DraftPublishOutcome.Unchanged, latest!.Version, findings);
            }

            // The stamp is a concurrency token: a save that landed since the read makes this delete (and so the
            // publish) fail, and the next attempt publishes what was saved.
            db.Definitions.Remove(draft);
            using var audit = AuditScope.Record(actor.Entry("workflow.publish", "workflow", definitionId, detail: Truncate($"version={published.Version}; source=designer; note={note}", 2000)));
            if (await CommitAsync(db, transaction, published, attempt, cancellationToken))
            {
                return new DraftPublishResult(DraftPublishOutcome.Published, published.Version, findings);
            }
        }
    }

    /// <summary>Publishes a file of the workflows folder when its bytes differ from those last published for its
    /// definition (<paramref name="fileHash"/>, SHA-256): a version published in the designer since then stays the
    /// latest until the shipped file itself changes. Returns the version in force and whether this call published.</summary>
    /// <exception cref="DefinitionValidationException">The definition has errors.</exception>
    public async Task<(int Version, bool Published)> PublishFileAsync(WorkflowDefinition definition, string fileName, string fileHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ThrowIfInvalid(definition);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _database.CreateContext();
            await using var transaction = await _database.BeginWriteTransactionAsync(db, cancellationToken);
            var latest = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definition.Id && d.IsLatest, cancellationToken);
            var shipped = await db.ShippedFiles.SingleOrDefaultAsync(f => f.DefinitionId == definition.Id, cancellationToken);
            if (latest is not null && shipped is not null && shipped.FileHash == fileHash)
            {
                return (latest.Version, false);
            }

            var published = AddVersion(db, definition, latest, PublishOrigin.FromFile(fileName, fileHash));
            var version = published?.Version ?? latest!.Version;
            var now = _utcNow();
            if (shipped is null)
            {
                db.ShippedFiles.Add(new ShippedFileRecord { DefinitionId = definition.Id, FileName = fileName, FileHash = fileHash, Version = version, PublishedAt = now });
            }
            else
            {
                (shipped.FileName, shipped.FileHash, shipped.Version, shipped.PublishedAt) = (fileName, fileHash, version, now);
            }

            using var audit = published is null
                ? null
                : AuditScope.Record(AuditActor.System.Entry("workflow.publish", "workflow", definition.Id, detail: Truncate($"version={version}; source=file; file={fileName}", 2000)));
            if (await CommitAsync(db, transaction, published, attempt, cancellationToken))
            {
                return (version, published is not null);
            }
        }
    }

    /// <summary>Publishes a new immutable version (or returns the latest when nothing but the layout changed) and
    /// atomically replaces the definition's cron timers. Running instances stay on their version.</summary>
    /// <exception cref="DefinitionValidationException">The definition has errors.</exception>
    public Task<int> PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default) =>
        PublishAsync(definition, PublishOrigin.Unspecified, cancellationToken);

    /// <inheritdoc cref="PublishAsync(WorkflowDefinition, CancellationToken)"/>
    public async Task<int> PublishAsync(WorkflowDefinition definition, PublishOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ThrowIfInvalid(definition);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _database.CreateContext();
            await using var transaction = await _database.BeginWriteTransactionAsync(db, cancellationToken);
            var latest = await db.Definitions.Where(d => d.DefinitionId == definition.Id && d.IsLatest).SingleOrDefaultAsync(cancellationToken);
            if (AddVersion(db, definition, latest, origin) is not { } published)
            {
                return latest!.Version;
            }

            if (await CommitAsync(db, transaction, published, attempt, cancellationToken))
            {
                return published.Version;
            }
        }
    }

    /// <summary>How many instances each published version has, by status.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<InstanceStatus, int>>> CountInstancesAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        var rows = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId)
            .GroupBy(i => new { i.DefinitionVersion, i.Status })
            .Select(g => new { g.Key.DefinitionVersion, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DefinitionVersion)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<InstanceStatus, int>)g.ToDictionary(r => r.Status, r => r.Count));
    }

    private void ThrowIfInvalid(WorkflowDefinition definition)
    {
        var errors = new DefinitionValidator(_registry).Validate(definition, definition.Id).Where(m => m.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }
    }

    /// <summary>Adds the next version and its cron timers to <paramref name="db"/> (cancelling the previous
    /// version's), or returns null when the definition equals <paramref name="latest"/> apart from the layout.</summary>
    private PendingVersion? AddVersion(WorkflowDbContext db, WorkflowDefinition definition, DefinitionRecord? latest, PublishOrigin origin)
    {
        var hash = ContentHash(definition);

        // Compared with the latest version's content rather than its stored hash: versions stored before the layout
        // was left out of the hash carry a hash with positions in it.
        if (latest is not null && ContentHash(DefinitionJson.Parse(latest.Json, $"{latest.DefinitionId} v{latest.Version}")) == hash)
        {
            return null;
        }

        var version = (latest?.Version ?? 0) + 1;
        var now = _utcNow();
        if (latest is not null)
        {
            latest.IsLatest = false;
        }

        var published = Normalize(definition, version);
        db.Definitions.Add(new DefinitionRecord
        {
            DefinitionId = definition.Id,
            Version = version,
            Name = definition.Name,
            Json = DefinitionJson.Serialize(published),
            Hash = hash,
            IsLatest = true,
            CreatedAt = now,
            PublishedAt = now,
            ChangedBy = origin.PublishedBy,
            Source = origin.Source,
            SourceName = Truncate(origin.SourceName, 256),
            Note = Truncate(origin.Note, 1000),
            FileHash = origin.FileHash,
        });

        var newTimers = new List<TimerRecord>();
        for (var i = 0; i < published.Triggers.Count; i++)
        {
            if (CronTimers.Next(published, i, now, now) is { } timer)
            {
                newTimers.Add(timer);
            }
        }

        return new PendingVersion(definition.Id, version, newTimers);
    }

    /// <summary>Commits; for a new version first cancels the definition's pending cron timers and adds the new
    /// version's. False when a concurrent writer got in first and another attempt may run.</summary>
    private async Task<bool> CommitAsync(WorkflowDbContext db, IDbContextTransaction transaction, PendingVersion? published, int attempt, CancellationToken cancellationToken)
    {
        if (published is not null)
        {
            var oldCron = await db.Timers
                .Where(t => t.Purpose == CronTimers.Purpose && t.Status == TimerStatus.Pending && t.InstanceId == Guid.Empty && t.PayloadJson!.Contains(published.DefinitionId))
                .ToListAsync(cancellationToken);
            foreach (var timer in oldCron.Where(t => CronPayload.Parse(t.PayloadJson).DefinitionId == published.DefinitionId))
            {
                timer.Status = TimerStatus.Cancelled;
            }

            db.Timers.AddRange(published.Timers);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (attempt < _options.ConcurrencyRetries)
        {
            return false;
        }

        if (published is not null)
        {
            _arming.Arm(published.Timers);
            _logger.LogInformation("Published {DefinitionId} v{Version}", published.DefinitionId, published.Version);
        }

        return true;
    }

    /// <summary>A published version (the latest when <paramref name="version"/> is null).</summary>
    /// <exception cref="WorkflowNotFoundException">The definition or that version is not published.</exception>
    public async Task<WorkflowDefinition> GetDefinitionAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        if (version is { } v)
        {
            lock (_cacheLock)
            {
                if (_cache.TryGetValue((definitionId, v), out var cached))
                {
                    return cached;
                }
            }
        }

        await using var db = _database.CreateContext();
        var record = version is { } wanted
            ? await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == wanted, cancellationToken)
            : await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatest, cancellationToken);
        if (record is null)
        {
            throw new WorkflowNotFoundException(version is null
                ? $"流程“{definitionId}”尚未发布 / workflow '{definitionId}' is not published"
                : $"流程“{definitionId}”没有版本 {version} / workflow '{definitionId}' has no version {version}");
        }

        var definition = DefinitionJson.Parse(record.Json, $"{definitionId} v{record.Version}");
        lock (_cacheLock)
        {
            _cache[(definitionId, record.Version)] = definition;
        }

        return definition;
    }

    /// <summary>Published versions (and the draft, as version 0) of a definition, newest first.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        return await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
    }

    /// <summary>The latest published version of every definition.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        return await db.Definitions.AsNoTracking().Where(d => d.IsLatest).OrderBy(d => d.DefinitionId).ToListAsync(cancellationToken);
    }

    /// <summary>True when <paramref name="version"/> is the latest published version of the definition.</summary>
    internal static Task<bool> IsLatestAsync(WorkflowDbContext db, string definitionId, int version, CancellationToken cancellationToken) =>
        db.Definitions.AnyAsync(d => d.DefinitionId == definitionId && d.Version == version && d.IsLatest, cancellationToken);

    private static WorkflowDefinition Normalize(WorkflowDefinition definition, int version)
    {
        var copy = DefinitionJson.Clone(definition);
        copy.Version = version;
        copy.Schema = null;
        return copy;
    }

    /// <summary>The hash of what the runtime reads: the canonical JSON without version number and layout.</summary>
    private static string ContentHash(WorkflowDefinition definition)
    {
        var copy = Normalize(definition, 0);
        foreach (var node in copy.Activities ?? [])
        {
            if (node is not null)
            {
                node.Position = null;
            }
        }

        return Hash(DefinitionJson.Serialize(copy));
    }

    private static DraftSnapshot SnapshotOf(DefinitionRecord record) => record.IsDraft
        ? new DraftSnapshot(DefinitionJson.Parse(record.Json, $"{record.DefinitionId} draft"), DraftTags.OfDraft(record.Stamp ?? Guid.Empty), true, record.ChangedBy, record.CreatedAt)
        : new DraftSnapshot(DefinitionJson.Parse(record.Json, $"{record.DefinitionId} v{record.Version}"), DraftTags.OfVersion(record.Version), false, record.ChangedBy, record.PublishedAt ?? record.CreatedAt);

    private static string? Truncate(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private sealed record PendingVersion(string DefinitionId, int Version, List<TimerRecord> Timers);
}
