using System.Text.Json.Nodes;

namespace Reduction.Server.Answers.Forms;

/// <summary>Reads what reviewers and approvers need from the annual cycle's variables: the prefectures' cases
/// (`data`: the assessment-data children's results, each with `item.id` and `case`) and the evaluated `results`.</summary>
public static class CycleVariables
{
    public static JsonObject? CaseOf(JsonObject variables, string prefectureId)
    {
        switch (variables["data"])
        {
            case JsonObject map:
                return map[prefectureId] as JsonObject;
            case JsonArray list:
                foreach (var element in list)
                {
                    var id = element?["item"]?["id"]?.GetValue<string>() ?? element?["prefecture"]?.GetValue<string>();
                    if (id == prefectureId)
                    {
                        return element?["case"] as JsonObject;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The evaluated results (one object per prefecture with `prefecture_name`, `verdict`, `findings`).</summary>
    public static IReadOnlyList<JsonObject> Results(JsonObject variables) =>
        (variables["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();
}
