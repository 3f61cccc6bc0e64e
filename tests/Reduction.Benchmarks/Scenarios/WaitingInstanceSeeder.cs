using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>Fills a database with instances of <see cref="BenchDefinitions.Wait"/> waiting for their signal. A sample
/// is started through the runtime; the rest are copies of one template instance per version, started through the
/// runtime too, written with SQL (binary COPY of new ids, then INSERT … SELECT from the template's own rows): instance,
/// bookmark and journal rows exactly as the runtime wrote them, only ids and the correlation key changed.</summary>
internal sealed class WaitingInstanceSeeder(BenchHost host, string connectionString, int versions)
{
    /// <summary>The template instances' `key`; replaced by each copy's own key wherever the runtime wrote it.</summary>
    public const string Marker = "tplkey0000";

    private const int Chunk = 25_000;
    private readonly Dictionary<int, Guid> _templates = [];
    private int _next;

    public int JournalRowsPerInstance { get; private set; }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        for (var v = 1; v <= versions; v++)
        {
            var published = await host.PublishAsync(BenchDefinitions.Wait(v), cancellationToken);
            var template = await host.Runtime.StartAsync(BenchDefinitions.WaitId, new JsonObject { ["key"] = Marker }, version: published, cancellationToken: cancellationToken);
            _templates[published] = template.InstanceId;
        }

        // Copies carry only what the template has; anything else (a timer, a task, an outbox row) would be missed.
        var others = await Sql.ScalarAsync<long>(connectionString, """
            SELECT (SELECT count(*) FROM workflows.workflow_timers) + (SELECT count(*) FROM workflows.workflow_tasks)
                 + (SELECT count(*) FROM workflows.notice_outbox) + (SELECT count(*) FROM workflows.workflow_effects)
                 + (SELECT count(*) FROM workflows.workflow_bookmarks) - @versions
            """, cancellationToken, ("versions", (long)versions));
        if (others != 0)
        {
            throw new InvalidOperationException("the waiting workflow writes rows the seeder does not copy");
        }

        JournalRowsPerInstance = (int)(await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM workflows.workflow_journal", cancellationToken) / versions);
    }

    /// <summary>Instances waiting now (templates included).</summary>
    public Task<long> CountWaitingAsync(CancellationToken cancellationToken) =>
        Sql.ScalarAsync<long>(connectionString, """SELECT count(*) FROM workflows.workflow_instances WHERE "Status" = 'Running'""", cancellationToken);

    /// <summary>Starts <paramref name="count"/> instances through the runtime, spread over the versions.</summary>
    public async Task StartThroughRuntimeAsync(int count, int callers, CancellationToken cancellationToken)
    {
        var numbers = Enumerable.Range(0, count).Select(_ => Interlocked.Increment(ref _next)).ToList();
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = callers, CancellationToken = cancellationToken }, async (n, token) =>
            await host.Runtime.StartAsync(BenchDefinitions.WaitId, new JsonObject { ["key"] = Key(n) }, version: (n % versions) + 1, cancellationToken: token));
    }

    /// <summary>Copies templates until <paramref name="target"/> instances wait; returns how many were written.</summary>
    public async Task<int> FillAsync(long target, CancellationToken cancellationToken)
    {
        var missing = (int)Math.Max(0, target - await CountWaitingAsync(cancellationToken));
        for (var done = 0; done < missing; done += Chunk)
        {
            await CopyAsync(Math.Min(Chunk, missing - done), cancellationToken);
        }

        await Sql.ExecuteAsync(connectionString, "ANALYZE workflows.workflow_instances, workflows.workflow_bookmarks, workflows.workflow_journal", cancellationToken);
        return missing;
    }

    /// <summary>Random correlation keys of waiting copies and runtime-started instances (never a template).</summary>
    public Task<List<string>> SampleKeysAsync(int count, CancellationToken cancellationToken) =>
        Sql.QueryAsync(
            connectionString,
            """
            SELECT substr("Key", length(@prefix) + 1) FROM workflows.workflow_bookmarks
            WHERE "Kind" = 'signal' AND "ConsumedAt" IS NULL AND "Key" <> @template
            ORDER BY random() LIMIT @count
            """,
            r => r.GetString(0),
            cancellationToken,
            ("prefix", BenchDefinitions.Signal + ":"),
            ("template", $"{BenchDefinitions.Signal}:{Marker}"),
            ("count", count));

    private static string Key(int n) => string.Create(CultureInfo.InvariantCulture, $"k{n:D7}");

    private async Task CopyAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = Sql.Command(connection, """
            DROP TABLE IF EXISTS bench_seed;
            CREATE UNLOGGED TABLE bench_seed (n integer PRIMARY KEY, key text NOT NULL, template_id uuid NOT NULL, instance_id uuid NOT NULL, bookmark_id uuid NOT NULL);
            """))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Ids the way the runtime makes them (version 7, time-ordered).
        await using (var import = await connection.BeginBinaryImportAsync("COPY bench_seed (n, key, template_id, instance_id, bookmark_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var n = Interlocked.Increment(ref _next);
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(n, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(Key(n), NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(_templates[(n % versions) + 1], NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = Sql.Command(connection, """
            INSERT INTO workflows.workflow_instances
                ("Id", "DefinitionId", "DefinitionVersion", "Status", "StateJson", "ParentInstanceId", "ParentBookmarkId",
                 "CorrelationKey", "Incident", "CreatedAt", "UpdatedAt", "FinishedAt", "Revision")
            SELECT s.instance_id, t."DefinitionId", t."DefinitionVersion", t."Status", replace(t."StateJson", @marker, s.key), t."ParentInstanceId", t."ParentBookmarkId",
                   t."CorrelationKey", t."Incident", t."CreatedAt", t."UpdatedAt", t."FinishedAt", t."Revision"
            FROM bench_seed s JOIN workflows.workflow_instances t ON t."Id" = s.template_id
            ORDER BY s.n;

            INSERT INTO workflows.workflow_bookmarks ("Id", "InstanceId", "ActivityId", "Kind", "Key", "PayloadJson", "OneShot", "CreatedAt", "ConsumedAt")
            SELECT s.bookmark_id, s.instance_id, b."ActivityId", b."Kind", replace(b."Key", @marker, s.key), b."PayloadJson", b."OneShot", b."CreatedAt", b."ConsumedAt"
            FROM bench_seed s JOIN workflows.workflow_bookmarks b ON b."InstanceId" = s.template_id
            ORDER BY s.n;

            INSERT INTO workflows.workflow_journal ("InstanceId", "At", "ActivityId", "Event", "Message", "DataJson")
            SELECT s.instance_id, j."At", j."ActivityId", j."Event", replace(j."Message", @marker, s.key), replace(j."DataJson", @marker, s.key)
            FROM bench_seed s JOIN workflows.workflow_journal j ON j."InstanceId" = s.template_id
            ORDER BY s.n, j."Id";

            DROP TABLE bench_seed;
            """, ("marker", Marker)))
        {
            insert.CommandTimeout = 600;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
