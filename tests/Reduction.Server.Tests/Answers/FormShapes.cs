using System.Text.Json.Nodes;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Server.Tests.Answers;

/// <summary>Answers in the shape the task page stores them, for tests that answer through the API.</summary>
internal static class FormShapes
{
    /// <summary>An annual plan with one measure per level and the planned emissions of the given pollutants.</summary>
    public static JsonObject AnnualPlan(string summary, IReadOnlyDictionary<string, decimal> planned) => new()
    {
        ["summary"] = summary,
        ["measures"] = new JsonArray(
            new JsonObject { ["level"] = "county", ["unit"] = "城关区人民政府", ["measure"] = "污水管网改造" },
            new JsonObject { ["level"] = "department", ["unit"] = "市住房和城乡建设局", ["measure"] = "污水处理厂提标" },
            new JsonObject { ["level"] = "enterprise", ["unit"] = "水泥厂", ["measure"] = "窑炉脱硝改造" }),
        ["plannedEmissions"] = new JsonArray([.. planned.Select(p => (JsonNode)new JsonObject { ["code"] = p.Key, ["tonnes"] = p.Value })]),
        ["keyProjects"] = new JsonArray(),
    };

    /// <summary>An assessment case as the data form stores it: each pollutant's actual tonnes entered as its first
    /// emission sector, the other sectors zero.</summary>
    public static JsonObject AssessmentData(JsonObject assessmentCase)
    {
        var data = (JsonObject)assessmentCase.DeepClone();
        var period = PlanPeriodCatalog.LoadDefault().FindByYear(data["year"]?.GetValue<int>() ?? 2014)!;
        foreach (var pollutant in data["pollutants"]!.AsArray().OfType<JsonObject>())
        {
            var code = pollutant["code"]!.GetValue<string>();
            var sectors = period.SectorsOf(period.Pollutants.Single(p => p.Code == code));
            var values = new JsonObject();
            for (var i = 0; i < sectors.Count; i++)
            {
                values[sectors[i]] = i == 0 ? pollutant["actualTonnes"]!.DeepClone() : 0;
            }

            pollutant["sectors"] = values;
        }

        return data;
    }
}
