namespace Reduction.Ledger.Workbooks;

/// <summary>One cell an import refused: the sheet, the row number as Excel shows it, the column letter, the value as
/// written (clipped) and why, in Chinese. <see cref="Header"/> names the column as its header says.</summary>
public sealed record ImportError(string Sheet, int Row, string Column, string Value, string Message)
{
    public string? Header { get; init; }
}
