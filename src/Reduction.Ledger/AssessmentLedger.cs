using Reduction.Domain.Parties;
using Reduction.Workflows.Ledger;

namespace Reduction.Ledger;

/// <summary>The runtime's view of the ledger (<see cref="IAssessmentLedger"/>): the year's targets for the
/// evaluation, and the figures it used recorded as ledger lines (the engine's own work, so unscoped).</summary>
public sealed class AssessmentLedger(LedgerStore store) : IAssessmentLedger
{
    public async Task<IReadOnlyList<LedgerTargetInfo>> TargetsAsync(int year, CancellationToken cancellationToken)
    {
        var targets = await store.TargetsAsync(PartyScope.Everything, year, cancellationToken: cancellationToken);
        return targets.Select(t => new LedgerTargetInfo(t.Value.PrefectureId, t.Value.Pollutant, t.Value.Kind, t.Value.Value, t.Stamp.Version, LedgerSources.Label(t.Stamp.Source), t.Stamp.ChangedBy)).ToList();
    }

    public async Task RecordAsync(int year, IReadOnlyList<LedgerFigures> figures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var group in figures.GroupBy(f => (f.Source, f.ChangedBy, f.Reason)))
        {
            var values = group.SelectMany(f => f.Sectors.Select(s => new LedgerValue(f.PrefectureId, year, f.Pollutant, s.Key, string.Empty, s.Value)))
                .DistinctBy(v => v.Key).ToList();
            var source = group.Key.Source == LedgerSources.Correction ? LedgerSources.Correction : LedgerSources.Form;
            await store.SaveLedgerAsync(values, new LedgerChange(group.Key.ChangedBy, source, group.Key.Reason), cancellationToken);
        }
    }
}
