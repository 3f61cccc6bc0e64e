namespace Reduction.Ledger.Workbooks;

/// <summary>A workbook as read: every value when no cell was refused, or the errors (then nothing is to be stored).</summary>
public sealed record WorkbookRead<T>(IReadOnlyList<T> Values, ImportErrors Errors, int Rows)
{
    public bool Ok => Errors.Count == 0;
}
