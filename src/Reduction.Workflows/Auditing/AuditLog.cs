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
    /// head: an edited row, a deleted row (a gap or a wrong previous hash) and deleted newest rows are all found.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var head = await db.AuditChainHead.AsNoTracking().SingleAsync(cancellationToken);
        var start = await db.AuditLog.AsNoTracking().OrderBy(r => r.Sequence).Select(r => (long?)r.Sequence).FirstOrDefaultAsync(cancellationToken);
        long count = 0;
        long expected = start ?? 1;
        string? previous = null;
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

                // The first kept entry links to the genesis value or to the head of the last archive.
                if (previous is not null && row.PreviousHash != previous)
                {
                    return AuditVerification.Broken(count, row.Sequence, "previous hash does not match the entry before");
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

        if (head.Sequence != expected - 1 && !(count == 0 && head.Sequence == 0))
        {
            return AuditVerification.Broken(count, expected, $"the chain head is at entry {head.Sequence} but the log ends at {expected - 1}");
        }

        if (count > 0 && head.Hash != previous)
        {
            return AuditVerification.Broken(count, expected - 1, "the chain head's hash does not match the last entry");
        }

        return AuditVerification.Ok(count);
    }
}
