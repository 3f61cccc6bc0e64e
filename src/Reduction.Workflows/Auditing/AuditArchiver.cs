using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Auditing;

/// <summary>
/// Retention: moves the audit log's oldest entries to an archive file (<see cref="AuditArchiveFile"/>) and out of the
/// live table, never silently. The file is written, checked against the chain and flushed to the disk first; then one
/// transaction records the archive (<see cref="AuditArchiveRecord"/>, the live chain's new anchor), deletes exactly
/// those rows and appends an <c>audit.archive</c> entry. A failure before that commit leaves the live log as it was.
/// </summary>
public sealed class AuditArchiver(WorkflowDatabase database, TimeProvider time)
{
    public const string Action = "audit.archive";

    private const int Page = 2000;

    /// <summary>Archives the entries before <paramref name="cutoff"/>, oldest first up to the first younger one, into a
    /// new file in <paramref name="directory"/>.</summary>
    /// <param name="retention">The configured retention; below <see cref="AuditRetention.Minimum"/> it is refused, and
    /// no entry younger than it (or than the minimum) is archived.</param>
    /// <exception cref="AuditRetentionException">The cutoff is within the retention, or the retention is too short.</exception>
    /// <exception cref="IOException">The file cannot be written (nothing was deleted).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable (nothing was deleted).</exception>
    /// <exception cref="InvalidOperationException">The live chain does not verify where it would be archived, or
    /// another archive ran meanwhile (nothing was deleted).</exception>
    public async Task<AuditArchiveResult> ArchiveAsync(DateTimeOffset cutoff, string directory, TimeSpan retention, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(actor);
        if (AuditRetention.Problem(retention) is { } problem)
        {
            throw new AuditRetentionException(problem);
        }

        var started = time.GetUtcNow();
        var latest = AuditRetention.LatestCutoff(started, retention);
        if (cutoff > latest)
        {
            throw new AuditRetentionException(cutoff, latest, retention);
        }

        var anchor = await AnchorAsync(cancellationToken);
        await using (var db = database.CreateContext())
        {
            var next = anchor.Next;
            if (!await db.AuditLog.AnyAsync(r => r.Sequence == next && r.At < cutoff, cancellationToken))
            {
                return AuditArchiveResult.Nothing;
            }
        }

        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".audit-{Guid.NewGuid():N}.partial");
        AuditArchiveHead head;
        string fileSha;
        try
        {
            (head, fileSha) = await WriteAsync(partial, anchor, cutoff, started, cancellationToken);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        var name = AuditArchiveFile.NameOf(head.First, head.Last, started);
        var path = Path.Combine(directory, name);
        try
        {
            File.Move(partial, path);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        try
        {
            await RecordAndDeleteAsync(anchor, head, name, fileSha, actor, cancellationToken);
        }
        catch (ArchiveRaceException)
        {
            // Another run archived these entries first: this file duplicates part of its archive and has no record.
            File.Delete(path);
            throw new InvalidOperationException("another audit archive ran meanwhile; nothing was archived by this one");
        }

        // Any other failure keeps the file: had the commit gone through unseen, it is the only copy of the entries.
        return new AuditArchiveResult(path, head.Count, head.First, head.Last, fileSha);
    }

    /// <summary>Streams the entries to the file, checking each against the chain as it goes.</summary>
    private async Task<(AuditArchiveHead Head, string FileSha256)> WriteAsync(string path, Anchor anchor, DateTimeOffset cutoff, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var writer = new AuditArchiveWriter(path);
        await using var db = database.CreateContext();
        var expected = anchor.Next;
        var previous = anchor.Hash;
        string? firstHash = null;
        var done = false;
        while (!done)
        {
            var from = expected;
            var page = await db.AuditLog.AsNoTracking().Where(r => r.Sequence >= from).OrderBy(r => r.Sequence).Take(Page).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                if (row.At >= cutoff)
                {
                    done = true;
                    break;
                }

                // Archiving must not launder a broken chain into a file: refuse, and let `audit verify` name the entry.
                if (row.Sequence != expected || row.PreviousHash != previous || AuditChain.HashOf(row) != row.Hash)
                {
                    throw new InvalidOperationException($"the audit chain does not verify at entry {expected}; nothing was archived");
                }

                await writer.WriteAsync(row, cancellationToken);
                firstHash ??= row.Hash;
                previous = row.Hash;
                expected++;
            }

            done |= page.Count < Page;
        }

        return await writer.FinishAsync(
            new AuditArchiveHead(anchor.Next, expected - 1, expected - anchor.Next, anchor.Hash, firstHash!, previous, string.Empty, cutoff, started),
            cancellationToken);
    }

    private async Task RecordAndDeleteAsync(Anchor anchor, AuditArchiveHead head, string name, string fileSha, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (database.IsPostgres)
        {
            // The chain's lock (appends take it too); on SQLite the write transaction holds the database's lock already.
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT 1 FROM \"{PostgresWorkflowDbContext.Schema}\".\"audit_chain_head\" WHERE \"Id\" = {AuditChainHeadRecord.SingletonId} FOR UPDATE", cancellationToken);
        }

        if (await AnchorAsync(db, cancellationToken) != anchor)
        {
            throw new ArchiveRaceException();
        }

        db.AuditArchives.Add(new AuditArchiveRecord
        {
            FirstSequence = head.First,
            LastSequence = head.Last,
            Count = head.Count,
            PreviousHash = head.PreviousHash,
            LastHash = head.LastHash,
            FileName = name,
            FileSha256 = fileSha,
            Cutoff = head.Cutoff,
            ArchivedAt = head.ArchivedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        var (first, last) = (head.First, head.Last);
        var deleted = await db.AuditLog.Where(r => r.Sequence >= first && r.Sequence <= last).ExecuteDeleteAsync(cancellationToken);
        if (deleted != head.Count)
        {
            throw new InvalidOperationException($"{deleted} audit entries found to delete where {head.Count} were archived; nothing was archived");
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"entries {first}-{last} ({head.Count}) before {head.Cutoff:O}; sha256 {fileSha}");
        await AuditWriter.AppendAsync(connection, transaction.GetDbTransaction(), database.IsPostgres, [actor.Entry(Action, "audit-archive", name, detail: detail)], time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a partial file without hiding the failure that left it.</summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a `.partial` file is documented as a leftover.
        }
    }

    private async Task<Anchor> AnchorAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await AnchorAsync(db, cancellationToken);
    }

    /// <summary>Where the live chain starts: after the last archive, or at the genesis.</summary>
    private static async Task<Anchor> AnchorAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditArchives.AsNoTracking().OrderByDescending(a => a.LastSequence).Select(a => new { a.LastSequence, a.LastHash }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? new Anchor(1, AuditChain.Genesis) : new Anchor(last.LastSequence + 1, last.LastHash);
    }

    private sealed record Anchor(long Next, string Hash);

    private sealed class ArchiveRaceException : Exception;
}
