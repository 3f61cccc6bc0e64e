using Reduction.Domain.PlanPeriods;

namespace Reduction.Ledger;

/// <summary>A pollutant's total from its ledger lines: a verified total (sector `total`, a review's correction) wins
/// over the sum of the sectors; enterprise lines are shares of a sector, never added on top.</summary>
public static class LedgerTotals
{
    public static decimal Of(IEnumerable<LedgerValue> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var own = lines.Where(l => l.Enterprise.Length == 0).ToList();
        return own.FirstOrDefault(l => l.Sector == EmissionSectors.Total) is { } total ? total.Tonnes : own.Sum(l => l.Tonnes);
    }
}
