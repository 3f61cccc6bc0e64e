using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Reduction.Ledger.Persistence;

/// <summary>Inserts new rows with PostgreSQL's binary COPY on the context's connection, inside its open transaction.
/// The columns are the entity's mapped properties as the EF Core model names them, the store-generated key left to
/// the database, so the rows stored are those SaveChanges would have inserted, without the change tracker and one
/// statement per row.</summary>
internal static class PostgresCopy
{
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .Select(p => Column<T>.Of(p, table))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var copy = $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        // Written synchronously: a value goes to the importer's buffer, which is sent when it fills; one await per
        // value would cost more than the value (the caller runs this off the request's thread, beside the reading).
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var column in columns)
            {
                column.Write(importer, row);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>A column: its name and how a row's value is written in the binary format of the column's type.</summary>
    private sealed record Column<T>(string Name, Action<NpgsqlBinaryImporter, T> Write)
    {
        public static Column<T> Of(IProperty property, StoreObjectIdentifier table)
        {
            var storeType = property.GetColumnType(table);
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            NpgsqlDbType? dbType = type switch
            {
                _ when type == typeof(string) && (storeType == "text" || storeType.StartsWith("character varying", StringComparison.Ordinal)) => NpgsqlDbType.Text,
                _ when type == typeof(int) && storeType == "integer" => NpgsqlDbType.Integer,
                _ when type == typeof(long) && storeType == "bigint" => NpgsqlDbType.Bigint,
                _ when type == typeof(decimal) && storeType.StartsWith("numeric", StringComparison.Ordinal) => NpgsqlDbType.Numeric,
                _ when type == typeof(DateTimeOffset) && storeType == "timestamp with time zone" => NpgsqlDbType.TimestampTz,
                _ when type == typeof(DateOnly) && storeType == "date" => NpgsqlDbType.Date,
                _ => null,
            };
            if (dbType is null || property.GetValueConverter() is not null || property.PropertyInfo?.GetMethod is not { } getter)
            {
                throw new NotSupportedException($"COPY of {typeof(T).Name}.{property.Name} ({property.ClrType.Name} as {storeType})");
            }

            var write = typeof(Column<T>).GetMethod(nameof(Writer), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(property.ClrType);
            return new(property.GetColumnName(table)!, (Action<NpgsqlBinaryImporter, T>)write.Invoke(null, [getter, dbType.Value])!);
        }

        private static Action<NpgsqlBinaryImporter, T> Writer<TValue>(MethodInfo getter, NpgsqlDbType type)
        {
            var get = getter.CreateDelegate<Func<T, TValue>>();
            return (importer, row) =>
            {
                if (get(row) is { } value)
                {
                    importer.Write(value, type);
                }
                else
                {
                    importer.WriteNull();
                }
            };
        }
    }
}
