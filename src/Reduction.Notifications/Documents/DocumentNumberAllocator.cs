using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reduction.Domain.Documents;
using Reduction.Notifications.Delivery;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Documents;

/// <summary>Gives out document numbers (文号): serials count per issuer code and year from a counter row, and each
/// notice keeps the number it got, so a retried delivery shows the same number and no two notices share one.</summary>
public sealed class DocumentNumberAllocator(WorkflowDatabase database, TimeProvider time)
{
    /// <summary>The notice's number: the one it already has, else the next serial of <paramref name="issuer"/>
    /// in <paramref name="year"/>.</summary>
    public async Task<DocumentNumber> AllocateAsync(Guid noticeId, string issuer, int year, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = database.CreateContext();
            if (await db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.NoticeId == noticeId, cancellationToken) is { } existing)
            {
                return DocumentNumber.Parse(existing.Number);
            }

            try
            {
                await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
                var serial = await NextSerialAsync(db, issuer, year, cancellationToken);
                var number = new DocumentNumber(issuer, year, serial);
                db.IssuedDocuments.Add(new IssuedDocumentRecord
                {
                    NoticeId = noticeId,
                    Issuer = issuer,
                    Year = year,
                    Serial = serial,
                    Number = number.ToString(),
                    IssuedAt = time.GetUtcNow().ToUniversalTime(),
                });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return number;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // The same notice numbered concurrently (its claim lease ran out): read the winner's number next round.
            }
        }
    }

    private async Task<int> NextSerialAsync(WorkflowDbContext db, string issuer, int year, CancellationToken cancellationToken)
    {
        // One statement that creates or increments the counter and returns the new value; the row lock (PostgreSQL)
        // or the write lock (SQLite) serialises concurrent allocations.
        var table = database.IsPostgres ? "workflows.document_counters" : "document_counters";
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            INSERT INTO {table} AS c ("Issuer", "Year", "LastSerial") VALUES (@issuer, @year, 1)
            ON CONFLICT ("Issuer", "Year") DO UPDATE SET "LastSerial" = c."LastSerial" + 1
            RETURNING "LastSerial"
            """;
        NoticeOutbox.Add(command, "issuer", issuer);
        NoticeOutbox.Add(command, "year", year);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }
}
