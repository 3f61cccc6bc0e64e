namespace Reduction.Ledger.Workbooks;

/// <summary>The errors of one import: the first <see cref="LedgerLimits.MaxErrors"/> kept, all counted.</summary>
public sealed class ImportErrors
{
    private readonly List<ImportError> _kept = [];

    public IReadOnlyList<ImportError> Kept => _kept;

    public int Count { get; private set; }

    public void Add(ImportError error)
    {
        Count++;
        if (_kept.Count < LedgerLimits.MaxErrors)
        {
            _kept.Add(error);
        }
    }
}
