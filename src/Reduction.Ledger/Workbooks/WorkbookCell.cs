namespace Reduction.Ledger.Workbooks;

/// <summary>A cell a value was read from: sheet, row number as Excel shows it, column letter, its header and what it
/// held (clipped), so a later check of the value can point at the cell.</summary>
public sealed record WorkbookCell(string Sheet, int Row, string Column, string? Header, string Value)
{
    /// <summary>No cell: an error about the workbook or a sheet as a whole.</summary>
    public static WorkbookCell None(string sheet = "") => new(sheet, 0, string.Empty, null, string.Empty);

    public ImportError Refuse(string message) => new(Sheet, Row, Column, Value, message) { Header = Header };
}
