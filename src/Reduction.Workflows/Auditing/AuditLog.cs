using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Auditing;

/// <summary>The append-only, hash-chained audit log on the application database: entries of changes are written in
/// the change's own transaction (<see cref="AuditScope"/>); reads, sign-ins and refusals in one of their own.</summary>
public sealed class AuditLog(WorkflowDatabase database, TimeProvider time)
{
    /// <summary>Appends entries in a transaction of their own.</summary>
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        await AuditWriter.AppendAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), database.IsPostgres, entries, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) => AppendAsync([entry], cancellationToken);

    /// <summary>Writes the open scope's entries, with <paramref name="outcome"/>, when no transaction of the action
    /// committed them (the action changed nothing: a refused or repeated request). Returns whether it wrote.</summary>
    public async Task<bool> FlushAsync(string outcome, CancellationToken cancellationToken = default)
    {
        if (AuditScope.Pending is not { WrittenIn: null } pending)
        {
            return false;
        }

        // Claimed first, so the commit interceptor does not write the same entries into this transaction as well.
        pending.WrittenIn = pending;
        try
        {
            await AppendAsync(pending.Entries.Select(e => e with { Outcome = outcome }).ToArray(), cancellationToken);
        }
        catch
        {
            pending.WrittenIn = null;
            throw;
        }

        pending.Committed = true;
        return true;
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = database.CreateContext();
        var rows = db.AuditLog.AsNoTracking();
        if (query.From is { } from)
        {
            rows = rows.Where(r => r.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(r => r.At < to);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            rows = rows.Where(r => r.User == query.User);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            rows = rows.Where(r => r.Action == query.Action);
        }

        return await rows.OrderByDescending(r => r.Sequence).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 10_000)).ToListAsync(cancellationToken);
    }

    /// <summary>Recomputes every hash in sequence order (streamed, in pages) and compares the last with the chain
    /// head: an edited row, a deleted row (a gap or a wrong previous hash) and deleted newest rows are all found. The
    /// live log starts where the last archive ended (<see cref="AuditArchiveRecord"/>), so oldest rows deleted without
    /// an archive are found too; the archives' records must each continue the one before.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var head = await db.AuditChainHead.AsNoTracking().SingleAsync(cancellationToken);
        var archives = await db.AuditArchives.AsNoTracking().OrderBy(a => a.FirstSequence).ToListAsync(cancellationToken);
        long expected = 1;
        var previous = AuditChain.Genesis;
        long archived = 0;
        foreach (var archive in archives)
        {
            if (archive.FirstSequence != expected || archive.PreviousHash != previous || archive.LastSequence < archive.FirstSequence
                || archive.Count != archive.LastSequence - archive.FirstSequence + 1)
            {
                return AuditVerification.Broken(0, expected, $"the archive record {archive.FileName} does not continue the chain at entry {expected}");
            }

            expected = archive.LastSequence + 1;
            previous = archive.LastHash;
            archived += archive.Count;
        }

        var start = expected;
        long count = 0;
        const int Page = 2000;
        while (true)
        {
            var from = expected;
            var page = await db.AuditLog.AsNoTracking().Where(r => r.Sequence >= from).OrderBy(r => r.Sequence).Take(Page).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                if (row.Sequence != expected)
                {
                    return AuditVerification.Broken(count, expected, $"entry {expected} is missing");
                }

                // The first live entry links to the genesis value or to the last archived entry.
                if (row.PreviousHash != previous)
                {
                    return AuditVerification.Broken(count, row.Sequence, count == 0 && archives.Count > 0
                        ? "previous hash does not match the last archived entry"
                        : "previous hash does not match the entry before");
                }

                if (AuditChain.HashOf(row) != row.Hash)
                {
                    return AuditVerification.Broken(count, row.Sequence, "hash does not match the entry's content");
                }

                previous = row.Hash;
                expected++;
                count++;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        // Rows below the start (already archived, or before entry 1) were not read above.
        if (await db.AuditLog.Where(r => r.Sequence < start).Select(r => (long?)r.Sequence).MaxAsync(cancellationToken) is { } stray)
        {
            return AuditVerification.Broken(count, stray, $"entry {stray} is in the live log but before its start at entry {start} (archived already?)");
        }

        if (head.Sequence != expected - 1)
        {
            return AuditVerification.Broken(count, expected, $"the chain head is at entry {head.Sequence} but the log ends at {expected - 1}");
        }

        if (head.Hash != previous)
        {
            return AuditVerification.Broken(count, expected - 1, "the chain head's hash does not match the last entry");
        }

        return AuditVerification.Ok(count, archived);
    }
}
