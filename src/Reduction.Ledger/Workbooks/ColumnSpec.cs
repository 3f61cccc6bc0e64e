namespace Reduction.Ledger.Workbooks;

/// <summary>A column a workbook kind reads: its key, the header the templates write (with the unit in brackets), the
/// other headers people use for it, whether it must be there, and the unit its figures are in.</summary>
internal sealed record ColumnSpec(string Key, string Header, IReadOnlyList<string> Aliases, bool Required, string? Unit = null)
{
    public bool Matches(string header) => Aliases.Prepend(Header).Any(a => string.Equals(SheetReader.BaseOf(a), header, StringComparison.Ordinal));
}
