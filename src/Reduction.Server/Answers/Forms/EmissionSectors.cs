namespace Reduction.Server.Answers.Forms;

/// <summary>How each pollutant's emissions are built up (DOMAIN section 4): COD and NH3-N from industrial, urban
/// domestic, agricultural and centralised-treatment sources; SO2 without agriculture; NOx adds motor vehicles.
/// A pollutant of a later plan period not listed here is entered as one total.</summary>
public static class EmissionSectors
{
    public const string Total = "total";

    private static readonly Dictionary<string, string[]> ByPollutant = new(StringComparer.Ordinal)
    {
        ["COD"] = ["industrial", "urbanDomestic", "agricultural", "centralised"],
        ["NH3-N"] = ["industrial", "urbanDomestic", "agricultural", "centralised"],
        ["SO2"] = ["industrial", "urbanDomestic", "centralised"],
        ["NOx"] = ["industrial", "urbanDomestic", "centralised", "motorVehicles"],
    };

    public static IReadOnlyList<string> Of(string pollutantCode) => ByPollutant.GetValueOrDefault(pollutantCode) ?? [Total];

    public static string Label(string sector) => sector switch
    {
        "industrial" => "工业源",
        "urbanDomestic" => "城镇生活源",
        "agricultural" => "农业源",
        "centralised" => "集中式污染治理设施",
        "motorVehicles" => "机动车",
        _ => "排放总量",
    };
}
