namespace Reduction.Domain.PlanPeriods;

/// <summary>A pollutant a plan period may assess: its wire code (COD, NH3-N, SO2, NOx, VOCs) and zh-CN name.
/// Periods choose from <see cref="Known"/>, so a misspelt code in a plan-period file is refused, not assessed.</summary>
public sealed record Pollutant(string Code, string Name)
{
    public static Pollutant Cod { get; } = new("COD", "化学需氧量");

    public static Pollutant AmmoniaNitrogen { get; } = new("NH3-N", "氨氮");

    public static Pollutant SulphurDioxide { get; } = new("SO2", "二氧化硫");

    public static Pollutant NitrogenOxides { get; } = new("NOx", "氮氧化物");

    /// <summary>Volatile organic compounds, assessed from the 14th Five-Year period on.</summary>
    public static Pollutant Vocs { get; } = new("VOCs", "挥发性有机物");

    /// <summary>Every pollutant a period may list, in the usual reporting order.</summary>
    public static IReadOnlyList<Pollutant> Known { get; } = [Cod, AmmoniaNitrogen, SulphurDioxide, NitrogenOxides, Vocs];

    /// <summary>The known pollutant with this code, ignoring case (voc is not VOCs); null when there is none.</summary>
    public static Pollutant? FindKnown(string? code) =>
        code is null ? null : Known.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}
