using System.Threading.Channels;

namespace Reduction.Ledger.Workbooks;

/// <summary>A ledger workbook imported: every cell checked, then all of it stored or nothing. On PostgreSQL the lines
/// checked go to the store in batches while the rest of the workbook is still being checked, so the database inserts
/// beside the check; the one transaction commits only when the whole workbook is read without a refused cell, and
/// nothing more is sent once a cell is refused.</summary>
public static class LedgerWorkbookImport
{
    private const int BatchSize = 4_000;

    /// <summary>The workbook as read, and what was stored: null when a cell was refused or there was no line.</summary>
    public static async Task<(WorkbookRead<LedgerValue> Read, LedgerSaveCounts? Counts)> ImportLedgerAsync(LedgerStore store, byte[] bytes, WorkbookContext context, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.StoresWhileReading)
        {
            var read = LedgerWorkbookReader.ReadLedger(bytes, context);
            return (read, Storable(read) ? await store.SaveLedgerAsync(read.Values, change, cancellationToken) : null);
        }

        var batches = Channel.CreateUnbounded<IReadOnlyList<LedgerValue>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var storing = store.SaveLedgerAsync(batches.Reader.ReadAllAsync(cancellationToken), change, cancellationToken);
        WorkbookRead<LedgerValue> checkedRead;
        try
        {
            checkedRead = await Task.Run(
                () =>
                {
                    var batch = new List<LedgerValue>(BatchSize);
                    var read = LedgerWorkbookReader.ReadLedger(bytes, context, value =>
                    {
                        batch.Add(value);
                        if (batch.Count == BatchSize)
                        {
                            batches.Writer.TryWrite(batch);
                            batch = new List<LedgerValue>(BatchSize);
                        }
                    });
                    if (Storable(read) && batch.Count > 0)
                    {
                        batches.Writer.TryWrite(batch);
                    }

                    return read;
                },
                cancellationToken);
        }
        catch (Exception e)
        {
            await RefuseAsync(batches, storing, e);
            throw;
        }

        if (!Storable(checkedRead))
        {
            await RefuseAsync(batches, storing, new RefusedException());
            return (checkedRead, null);
        }

        batches.Writer.Complete();
        return (checkedRead, await storing);
    }

    private static bool Storable(WorkbookRead<LedgerValue> read) => read.Ok && read.Values.Count > 0;

    /// <summary>Ends the batches with <paramref name="reason"/>: the store rolls back. Nothing was to be stored, so
    /// how the store ended does not matter.</summary>
    private static async Task RefuseAsync(Channel<IReadOnlyList<LedgerValue>> batches, Task<LedgerSaveCounts> storing, Exception reason)
    {
        batches.Writer.Complete(reason);
        try
        {
            await storing;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Rolled back: the reason itself, or whatever stopped the store first.
        }
    }

    /// <summary>Ends the batches of a workbook with a refused cell.</summary>
    private sealed class RefusedException : Exception
    {
        public RefusedException()
            : base("the workbook has refused cells")
        {
        }
    }
}
