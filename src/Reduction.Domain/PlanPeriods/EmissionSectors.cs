namespace Reduction.Domain.PlanPeriods;

/// <summary>The sources a pollutant's emissions are built up from (DOMAIN section 4), as wire codes with zh-CN names.
/// Which sectors a pollutant has is plan-period data (`pollutants[].sectors`); a pollutant without them is one total.</summary>
public static class EmissionSectors
{
    public const string Industrial = "industrial";

    public const string UrbanDomestic = "urbanDomestic";

    public const string Agricultural = "agricultural";

    public const string Centralised = "centralised";

    public const string MotorVehicles = "motorVehicles";

    /// <summary>One figure for the whole pollutant, when the period gives no build-up.</summary>
    public const string Total = "total";

    public static IReadOnlyList<string> AllCodes { get; } = [Industrial, UrbanDomestic, Agricultural, Centralised, MotorVehicles, Total];

    public static bool IsKnown(string? code) => code is not null && AllCodes.Contains(code, StringComparer.Ordinal);

    public static string Label(string sector) => sector switch
    {
        Industrial => "工业源",
        UrbanDomestic => "城镇生活源",
        Agricultural => "农业源",
        Centralised => "集中式污染治理设施",
        MotorVehicles => "机动车",
        _ => "排放总量",
    };
}
