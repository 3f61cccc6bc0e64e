namespace Reduction.Domain.PlanPeriods;

/// <summary>How a responsibility letter states a pollutant's yearly target; wire codes in <see cref="TargetKinds"/>.</summary>
public enum TargetKind
{
    /// <summary>Emissions this year at most C tonnes.</summary>
    CapTonnes,

    /// <summary>(E - E_previous) / E_previous x 100 at most T percent.</summary>
    ChangeVsPreviousYearPercent,

    /// <summary>(E - E_base) / E_base x 100 at most T percent, against the period's base year.</summary>
    ChangeVsBaseYearPercent,
}
