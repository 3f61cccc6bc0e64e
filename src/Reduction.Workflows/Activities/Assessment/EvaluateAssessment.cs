using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Assessment;

[Activity("EvaluateAssessment", "考核", "考核评定",
    "按考核办法评定各地市：污染物减排目标、重点项目、监控体系，逐条给出理由；可叠加各部门现场核查的数据更正。",
    Outcomes = ["done", "anyFailed", "allPassed"])]
public sealed class EvaluateAssessment : Activity
{
    [Input("考核数据表达式", Description = "对象：地市标识 -> 考核数据（与 reduction assess 的 case 相同，不含 prefecture、year）；或逐项分派的结果列表（每项含 item.id 与 case）", UIHint = InputHints.Expression, Required = true)]
    public string Cases { get; set; } = "";

    [Input("被考核年度表达式", Description = "通常为 year - 1", UIHint = InputHints.Expression, Required = true)]
    public string Year { get; set; } = "year - 1";

    [Input("更正数据表达式", Description = "对象：地市标识 -> 覆盖字段（核查更正）；或会签结果（各部门 -> {corrections: {地市标识: 覆盖字段}}），可为空", UIHint = InputHints.Expression)]
    public string? Corrections { get; set; }

    [Input("结果变量", UIHint = InputHints.Text)]
    public string OutputVariable { get; set; } = "results";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var year = WaitUntil.ToInt(context.Evaluate(Year));
        var cases = CasesByPrefecture(context.Evaluate(Cases));
        var corrections = Corrections is { Length: > 0 } ? CorrectionsByPrefecture(context.Evaluate(Corrections)) : null;
        var input = new JsonArray();
        foreach (var (prefectureId, data) in cases.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var merged = data is JsonObject o ? (JsonObject)o.DeepClone() : [];
            if (corrections?[prefectureId] is JsonObject correction)
            {
                Merge(merged, correction);
            }

            merged["prefecture"] = prefectureId;
            merged["year"] = year;
            input.Add(merged);
        }

        var parsed = AssessInputReader.Read(new JsonObject { ["cases"] = input }.ToJsonString(), await context.PlanPeriods.GetCatalogAsync(context.CancellationToken), context.Parties);
        if (parsed.Errors.Count > 0)
        {
            var messages = string.Join("; ", parsed.Errors.Select(e => e.Format()));
            throw new InvalidOperationException($"考核数据无效 / invalid assessment data: {messages}");
        }

        var results = new JsonArray();
        var evaluated = parsed.Cases.Select(c => (Input: c, Result: c.Case.Evaluate(c.Period))).ToList();
        var json = JsonNode.Parse(AssessJsonWriter.Write(evaluated))!["results"]!.AsArray();
        for (var i = 0; i < evaluated.Count; i++)
        {
            var result = json[i]!.AsObject();
            result["prefecture"] = evaluated[i].Result.Prefecture.Id;
            result["prefecture_name"] = evaluated[i].Result.Prefecture.NameOn(new DateOnly(year, 12, 31)).Name;
            results.Add(result.DeepClone());
        }

        context.Variables[OutputVariable] = results;
        var failed = evaluated.Where(e => e.Result.Verdict == Verdict.Fail).Select(e => e.Result.Prefecture.Id).ToList();
        context.Variables[OutputVariable + "_failed"] = new JsonArray(failed.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        context.Journal("verdict", string.Create(CultureInfo.InvariantCulture,
            $"{year}年度考核评定：{evaluated.Count} 个地市，不合格 {failed.Count} 个{(failed.Count > 0 ? "（" + string.Join("、", failed) + "）" : string.Empty)}"),
            new JsonObject { ["results"] = results.DeepClone() });
        context.Complete("done", failed.Count > 0 ? "anyFailed" : "allPassed");
    }

    private static JsonObject CasesByPrefecture(JsonNode? value)
    {
        if (value is JsonObject map)
        {
            return map;
        }

        var result = new JsonObject();
        foreach (var element in value as JsonArray ?? [])
        {
            var id = element?["item"]?["id"]?.GetValue<string>() ?? element?["prefecture"]?.GetValue<string>();
            if (id is not null && element?["case"] is JsonObject data)
            {
                result[id] = data.DeepClone();
            }
        }

        return result;
    }

    // Several reviewers may correct the same prefecture: their patches apply in reviewer order.
    private static JsonObject CorrectionsByPrefecture(JsonNode? value)
    {
        var map = value as JsonObject ?? [];
        if (!map.Any(kv => kv.Value is JsonObject o && o.ContainsKey("corrections")))
        {
            return map;
        }

        var result = new JsonObject();
        foreach (var (_, review) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var (prefecture, patch) in review?["corrections"] as JsonObject ?? [])
            {
                if (patch is not JsonObject patchObject)
                {
                    continue;
                }

                if (result[prefecture] is not JsonObject existing)
                {
                    existing = [];
                    result[prefecture] = existing;
                }

                Merge(existing, patchObject);
            }
        }

        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
