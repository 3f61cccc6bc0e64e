namespace Reduction.Ledger.Workbooks;

/// <summary>A ledger workbook imported: every cell checked, then all of it stored in one transaction, or nothing when a
/// cell is refused. Checking first and storing after costs less than storing batches beside the check: the sheet is
/// read straight from its XML, faster than the database takes the rows, and on two cores the two only slowed each
/// other (docs/benchmarks.md, figure m).</summary>
public static class LedgerWorkbookImport
{
    /// <summary>The workbook as read, and what was stored: null when a cell was refused or there was no line.</summary>
    public static async Task<(WorkbookRead<LedgerValue> Read, LedgerSaveCounts? Counts)> ImportLedgerAsync(LedgerStore store, byte[] bytes, WorkbookContext context, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var read = LedgerWorkbookReader.ReadLedger(bytes, context);
        return (read, read.Ok && read.Values.Count > 0 ? await store.SaveLedgerAsync(read.Values, change, cancellationToken) : null);
    }
}
