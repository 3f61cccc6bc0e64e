namespace Reduction.Ledger.Workbooks;

/// <summary>A column a workbook writes: header, type, width in characters, number format, and the list or rule its
/// cells are validated against in Excel (templates and imports only; <see cref="ExportWorkbook"/> writes none).</summary>
public sealed record WorkbookColumn(string Header, Type Type, double Width, string? Format = null)
{
    /// <summary>The values Excel offers in a drop-down (kept on the hidden sheet 选项).</summary>
    public IReadOnlyList<string>? List { get; init; }

    /// <summary>A number at least zero (tonnes).</summary>
    public bool NonNegative { get; init; }

    /// <summary>A whole number at least zero (counts).</summary>
    public bool NonNegativeWhole { get; init; }

    /// <summary>A whole number in this range (years).</summary>
    public (int Min, int Max)? WholeRange { get; init; }

    /// <summary>The hint Excel shows when the cell is selected.</summary>
    public string? Prompt { get; init; }
}
