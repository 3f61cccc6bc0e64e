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

    /// <summary>Adds another import's errors (those it kept, and its count).</summary>
    public void Add(ImportErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var error in other.Kept)
        {
            Add(error);
        }

        Count += other.Count - other.Kept.Count;
    }
}
