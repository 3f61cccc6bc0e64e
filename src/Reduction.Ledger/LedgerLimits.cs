namespace Reduction.Ledger;

/// <summary>Sizes the ledger's fields and imports keep to.</summary>
public static class LedgerLimits
{
    /// <summary>An enterprise's or a key project's name.</summary>
    public const int NameLength = 200;

    /// <summary>A reason or a note.</summary>
    public const int ReasonLength = 500;

    /// <summary>Rows one workbook may hold (a national ledger is about 50,000).</summary>
    public const int MaxRows = 200_000;

    /// <summary>The size of an uploaded workbook.</summary>
    public const long MaxUploadBytes = 30L * 1024 * 1024;

    /// <summary>Errors listed for one refused workbook; the count says how many there were.</summary>
    public const int MaxErrors = 1000;
}
