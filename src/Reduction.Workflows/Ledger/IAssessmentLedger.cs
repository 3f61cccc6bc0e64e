namespace Reduction.Workflows.Ledger;

/// <summary>What the assessment needs of the emission ledger, defined by the runtime so that it does not depend on
/// the ledger's tables or spreadsheets (the host supplies the implementation; without one the assessment reads the
/// targets from the submitted data, as before):
/// the targets stored for a year, which take the place of the submitted ones, and a place to record the figures the
/// evaluation used (the accepted assessment data, and the reviews' corrections, which win).</summary>
public interface IAssessmentLedger
{
    /// <summary>The targets stored for <paramref name="year"/>, every prefecture and pollutant that has one.</summary>
    Task<IReadOnlyList<LedgerTargetInfo>> TargetsAsync(int year, CancellationToken cancellationToken);

    /// <summary>Stores the figures (idempotent: figures already stored as given change nothing, so a retried burst
    /// records nothing twice).</summary>
    Task RecordAsync(int year, IReadOnlyList<LedgerFigures> figures, CancellationToken cancellationToken);
}

/// <summary>A stored target with where it came from (shown beside the finding it decides).</summary>
public sealed record LedgerTargetInfo(string PrefectureId, string Pollutant, string Kind, decimal Value, int Version, string Source, string ChangedBy);

/// <summary>One prefecture's figures for one pollutant as the evaluation used them: tonnes by sector (`total` for a
/// verified total that replaces the sectors' sum), from `form` or `correction`, by whom and why.</summary>
public sealed record LedgerFigures(string PrefectureId, string Pollutant, IReadOnlyDictionary<string, decimal> Sectors, string Source, string ChangedBy, string? Reason);
