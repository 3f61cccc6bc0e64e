using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reduction.Workflows.Persistence;

/// <summary>The write transaction every store on the application database begins, whichever context it uses.</summary>
public static class WriteTransaction
{
    /// <summary>Begins a write transaction: read committed on PostgreSQL, immediate on SQLite so two writers queue
    /// instead of deadlocking.</summary>
    public static async Task<IDbContextTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = connection.BeginTransaction(deferred: false);
        return await db.Database.UseTransactionAsync(transaction, cancellationToken) ?? throw new InvalidOperationException("no transaction");
    }
}
