using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reduction.Workflows.Auditing;

/// <summary>Writes the entries of an open <see cref="AuditScope"/> into the transaction that is about to commit, so
/// the action and its record stand or fall together.</summary>
public sealed class AuditCommitInterceptor(bool postgres, TimeProvider time) : DbTransactionInterceptor
{
    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (AuditScope.Pending is { WrittenIn: null, Held: false } pending && transaction.Connection is { } connection)
        {
            await AuditWriter.AppendAsync(connection, transaction, postgres, pending.Entries, time.GetUtcNow(), cancellationToken);
            pending.WrittenIn = transaction;
        }

        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (AuditScope.Pending is { } pending && ReferenceEquals(pending.WrittenIn, transaction))
        {
            pending.Committed = true;
        }
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>The commit failed: the entries went down with it and are written again by the next attempt.</summary>
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (AuditScope.Pending is { } pending && ReferenceEquals(pending.WrittenIn, transaction))
        {
            pending.WrittenIn = null;
        }
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, null!);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => TransactionFailed(transaction, null!);
}
