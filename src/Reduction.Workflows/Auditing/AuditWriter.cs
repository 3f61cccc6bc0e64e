using System.Data.Common;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Auditing;

/// <summary>Appends entries to the audit chain on a connection and transaction the caller holds (plain ADO.NET, so
/// any context on the application database can write them: the runtime's, the accounts'). Locks the chain head
/// first: appends are serialised, sequences have no gaps, and each hash covers the one before.</summary>
internal static class AuditWriter
{
    public static async Task AppendAsync(DbConnection connection, DbTransaction transaction, bool postgres, IReadOnlyList<AuditEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var schema = postgres ? "\"" + PostgresWorkflowDbContext.Schema + "\"." : string.Empty;
        var head = $"{schema}\"audit_chain_head\"";
        var log = $"{schema}\"audit_log\"";

        // Whole microseconds: PostgreSQL keeps no finer, and the hash must match the instant as stored.
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
        long sequence;
        string previous;
        await using (var command = Command(connection, transaction))
        {
            // SQLite: a write first, so this transaction holds the database's write lock before reading the head.
            command.CommandText = postgres
                ? $"SELECT \"Sequence\", \"Hash\" FROM {head} WHERE \"Id\" = {AuditChainHeadRecord.SingletonId} FOR UPDATE"
                : $"UPDATE {head} SET \"Id\" = \"Id\" WHERE \"Id\" = {AuditChainHeadRecord.SingletonId}; SELECT \"Sequence\", \"Hash\" FROM {head} WHERE \"Id\" = {AuditChainHeadRecord.SingletonId}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("audit chain head row is missing (database not migrated?)");
            }

            sequence = reader.GetInt64(0);
            previous = reader.GetString(1);
        }

        foreach (var entry in entries)
        {
            var record = new AuditRecord
            {
                Sequence = ++sequence,
                At = at,
                User = Clip(entry.User, 256)!,
                Party = Clip(entry.Party, 100),
                Address = Clip(entry.Address, 64),
                Action = Clip(entry.Action, 64)!,
                TargetKind = Clip(entry.TargetKind, 64),
                TargetId = Clip(entry.TargetId, 200),
                Outcome = Clip(entry.Outcome, 32)!,
                Detail = Clip(entry.Detail, 2000),
                PreviousHash = previous,
                Hash = string.Empty,
            };
            record.Hash = AuditChain.HashOf(record);
            previous = record.Hash;

            await using var insert = Command(connection, transaction);
            insert.CommandText = $"INSERT INTO {log} (\"Sequence\", \"At\", \"User\", \"Party\", \"Address\", \"Action\", \"TargetKind\", \"TargetId\", \"Outcome\", \"Detail\", \"PreviousHash\", \"Hash\") "
                + "VALUES (@sequence, @at, @user, @party, @address, @action, @targetKind, @targetId, @outcome, @detail, @previousHash, @hash)";
            Add(insert, "sequence", record.Sequence);
            Add(insert, "at", postgres ? record.At.ToUniversalTime() : record.At.UtcTicks);
            Add(insert, "user", record.User);
            Add(insert, "party", record.Party);
            Add(insert, "address", record.Address);
            Add(insert, "action", record.Action);
            Add(insert, "targetKind", record.TargetKind);
            Add(insert, "targetId", record.TargetId);
            Add(insert, "outcome", record.Outcome);
            Add(insert, "detail", record.Detail);
            Add(insert, "previousHash", record.PreviousHash);
            Add(insert, "hash", record.Hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var update = Command(connection, transaction);
        update.CommandText = $"UPDATE {head} SET \"Sequence\" = @sequence, \"Hash\" = @hash WHERE \"Id\" = {AuditChainHeadRecord.SingletonId}";
        Add(update, "sequence", sequence);
        Add(update, "hash", previous);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Fields are bounded: a caller cannot grow the log by sending megabytes in a user name.</summary>
    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
