using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Delivery;

/// <summary>The notice outbox rows as delivery sees them. A row is claimed by moving its <c>NextAttemptAt</c> past
/// now (a lease) and counting the attempt, with a conditional update: of several servers racing for a row exactly one
/// wins, and a row whose sender died becomes due again when the lease runs out. On PostgreSQL batches are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so servers sweeping at once take different rows instead of queueing.</summary>
public sealed class NoticeOutbox(WorkflowDatabase database)
{
    public WorkflowDatabase Database => database;

    public async Task<NoticeRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
    }

    /// <summary>Claims one row if it is pending and due; false when it is not (sent, dead, not yet due, or taken).</summary>
    public async Task<bool> TryClaimAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var claimed = await db.Notices
            .Where(n => n.Id == id && n.Status == NoticeStatus.Pending && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, leaseUntil).SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Claims up to <paramref name="max"/> due rows, oldest due first.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        if (database.IsPostgres)
        {
            return await ClaimDuePostgresAsync(now, leaseUntil, max, cancellationToken);
        }

        // SQLite has one writer at a time; the conditional update alone decides who gets a row.
        List<Guid> candidates;
        await using (var db = database.CreateContext())
        {
            candidates = await db.Notices.AsNoTracking()
                .Where(n => n.Status == NoticeStatus.Pending && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
                .OrderBy(n => n.NextAttemptAt)
                .Select(n => n.Id)
                .Take(max)
                .ToListAsync(cancellationToken);
        }

        var claimed = new List<Guid>();
        foreach (var id in candidates)
        {
            if (await TryClaimAsync(id, now, leaseUntil, cancellationToken))
            {
                claimed.Add(id);
            }
        }

        return claimed;
    }

    /// <summary>Records a successful hand-off, with the message's subject and addresses when given. Only a pending row
    /// changes, so a notice is marked sent exactly once.</summary>
    public async Task<bool> MarkSentAsync(Guid id, DateTimeOffset now, NoticeHeadline? headline = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        var updated = await db.Notices
            .Where(n => n.Id == id && n.Status == NoticeStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NoticeStatus.Sent)
                .SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(n => n.LastError, (string?)null), cancellationToken);
        if (updated == 1)
        {
            await RecordAttemptAsync(db, id, now, NoticeAttemptRecord.Sent, null, headline, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return updated == 1;
    }

    /// <summary>Records a failed attempt: back to pending with the next attempt time, or dead-lettered; with the
    /// message's subject and addresses when it could be composed.</summary>
    public async Task RecordFailureAsync(Guid id, string error, DateTimeOffset? nextAttemptAt, DateTimeOffset now, NoticeHeadline? headline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        var message = NoticeLimits.Clip(error, NoticeLimits.Detail);
        var updated = await db.Notices
            .Where(n => n.Id == id && n.Status == NoticeStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, nextAttemptAt is null ? NoticeStatus.DeadLetter : NoticeStatus.Pending)
                .SetProperty(n => n.NextAttemptAt, nextAttemptAt)
                .SetProperty(n => n.LastError, message), cancellationToken);
        if (updated == 1)
        {
            await RecordAttemptAsync(db, id, now, NoticeAttemptRecord.Failed, message, headline, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Adds a row (an alert, a re-issued link) unless its idempotency key exists; returns its id, or null
    /// when it existed already.</summary>
    public async Task<Guid?> QueueAsync(NoticeRecord notice, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        if (await db.Notices.AnyAsync(n => n.IdempotencyKey == notice.IdempotencyKey, cancellationToken))
        {
            return null;
        }

        db.Notices.Add(notice);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return notice.Id;
        }
        catch (DbUpdateException)
        {
            // Queued by someone else between the check and the insert.
            return null;
        }
    }

    /// <summary>Rows by status, newest first (for an outbox page).</summary>
    public async Task<IReadOnlyList<NoticeRecord>> ListAsync(NoticeStatus? status = null, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Notices.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(n => n.Status == s);
        }

        return await query.OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Puts a dead letter back in line after its cause was fixed: attempts start again from zero, and the
    /// history records who resent it and why. The row keeps its idempotency key, so the message keeps its Message-ID.
    /// False when the row is not a dead letter (already requeued by someone else, sent, or pending). An open
    /// <c>AuditScope</c> is written in the same transaction.</summary>
    public async Task<bool> RequeueAsync(Guid id, DateTimeOffset now, string? by = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
        var updated = await db.Notices
            .Where(n => n.Id == id && n.Status == NoticeStatus.DeadLetter)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NoticeStatus.Pending)
                .SetProperty(n => n.Attempts, 0)
                .SetProperty(n => n.NextAttemptAt, now), cancellationToken);
        if (updated != 1)
        {
            return false;
        }

        db.NoticeAttempts.Add(new NoticeAttemptRecord
        {
            Id = Guid.CreateVersion7(),
            NoticeId = id,
            At = now,
            Outcome = NoticeAttemptRecord.Resent,
            Detail = NoticeLimits.Clip(reason, NoticeLimits.Detail),
            By = NoticeLimits.Clip(by, 256),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task RecordAttemptAsync(WorkflowDbContext db, Guid id, DateTimeOffset now, string outcome, string? detail, NoticeHeadline? headline, CancellationToken cancellationToken)
    {
        if (headline is not null)
        {
            var subject = NoticeLimits.Clip(headline.Subject, NoticeLimits.Subject);
            var recipients = NoticeLimits.Clip(headline.Recipients, NoticeLimits.Recipients);
            await db.Notices.Where(n => n.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Subject, subject).SetProperty(n => n.Recipients, recipients), cancellationToken);
        }

        db.NoticeAttempts.Add(new NoticeAttemptRecord { Id = Guid.CreateVersion7(), NoticeId = id, At = now, Outcome = outcome, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Guid>> ClaimDuePostgresAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE workflows.notice_outbox AS n
            SET "NextAttemptAt" = @lease, "Attempts" = n."Attempts" + 1
            FROM (
                SELECT "Id" FROM workflows.notice_outbox
                WHERE "Status" = 'Pending' AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @now)
                ORDER BY "NextAttemptAt"
                LIMIT @max
                FOR UPDATE SKIP LOCKED) AS due
            WHERE n."Id" = due."Id"
            RETURNING n."Id"
            """;
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        Add(command, "lease", leaseUntil.ToUniversalTime());
        Add(command, "now", now.ToUniversalTime());
        Add(command, "max", max);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
