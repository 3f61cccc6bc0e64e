using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Activities;
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

    /// <summary>Saves a draft (replacing the previous draft); drafts never run.</summary>
    public async Task SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreateContext();
        var json = DefinitionJson.Serialize(Normalize(definition, 0));
        var draft = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definition.Id && d.Version == 0, cancellationToken);
        if (draft is null)
        {
            db.Definitions.Add(new DefinitionRecord { DefinitionId = definition.Id, Version = 0, Name = definition.Name, Json = json, Hash = Hash(json), CreatedAt = _utcNow() });
        }
        else
        {
            draft.Json = json;
            draft.Name = definition.Name;
            draft.Hash = Hash(json);
            draft.CreatedAt = _utcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Publishes a new immutable version (or returns the latest when nothing changed) and atomically
    /// replaces the definition's cron timers. Running instances stay on their version.</summary>
    public async Task<int> PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        var errors = new DefinitionValidator(_registry).Validate(definition, definition.Id).Where(m => m.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = _database.CreateContext();
            await using var transaction = await _database.BeginWriteTransactionAsync(db, cancellationToken);
            var latest = await db.Definitions.Where(d => d.DefinitionId == definition.Id && d.IsLatest).SingleOrDefaultAsync(cancellationToken);
            var unversioned = DefinitionJson.Serialize(Normalize(definition, 0));
            var hash = Hash(unversioned);
            if (latest is not null && latest.Hash == hash)
            {
                return latest.Version;
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
            });

            var oldCron = await db.Timers
                .Where(t => t.Purpose == CronTimers.Purpose && t.Status == TimerStatus.Pending && t.InstanceId == Guid.Empty && t.PayloadJson!.Contains(definition.Id))
                .ToListAsync(cancellationToken);
            foreach (var timer in oldCron.Where(t => CronPayload.Parse(t.PayloadJson).DefinitionId == definition.Id))
            {
                timer.Status = TimerStatus.Cancelled;
            }

            var newTimers = new List<TimerRecord>();
            for (var i = 0; i < published.Triggers.Count; i++)
            {
                if (CronTimers.Next(published, i, now, now) is { } timer)
                {
                    newTimers.Add(timer);
                }
            }

            db.Timers.AddRange(newTimers);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < _options.ConcurrencyRetries)
            {
                continue;
            }

            _arming.Arm(newTimers);
            _logger.LogInformation("Published {DefinitionId} v{Version}", definition.Id, version);
            return version;
        }
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

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
