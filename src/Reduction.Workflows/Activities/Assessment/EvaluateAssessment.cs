using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Calendar;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Ledger;

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

    /// <summary>Journal event of a prefecture whose case could not be evaluated.</summary>
    public const string HeldBackEvent = "case-held-back";

    /// <summary>Suffix of the variable listing the held-back prefectures with their field errors.</summary>
    public const string HeldSuffix = "_held";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var year = WaitUntil.ToInt(context.Evaluate(Year));
        var cases = CasesByPrefecture(context.Evaluate(Cases));
        var corrections = Corrections is { Length: > 0 } ? CorrectionsByPrefecture(context.Evaluate(Corrections)) : null;
        var input = new JsonArray();
        var order = new List<string>();
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
            order.Add(prefectureId);
        }

        // The reader keeps the cases it could read; a case it could not (a later correction may make one invalid)
        // is held back on its own, so the other prefectures' results still flow on to review, approval and sanctions.
        // A year no plan period covers is no fault of any prefecture: the evaluation stops (incident, retried after an
        // administrator adds the period) instead of holding every case back.
        var periods = await context.PlanPeriods.GetCatalogAsync(context.CancellationToken);
        if (periods.FindByYear(year) is null)
        {
            throw new InvalidOperationException(PlanPeriodCatalog.NotCoveredMessage(year + 1));
        }

        // Targets kept in the ledger (from the responsibility letters) take the place of the submitted ones.
        var ledgerTargets = context.Ledger is { } ledger
            ? (await ledger.TargetsAsync(year, context.CancellationToken)).ToDictionary(t => (t.PrefectureId, t.Pollutant))
            : [];
        UseLedgerTargets(input, ledgerTargets);
        var parsed = AssessInputReader.Read(new JsonObject { ["cases"] = input }.ToJsonString(), periods, context.Parties);
        if (parsed.Errors.Any(e => e.CaseIndex is null))
        {
            var messages = string.Join("; ", parsed.Errors.Select(e => e.Format()));
            throw new InvalidOperationException($"考核数据无效 / invalid assessment data: {messages}");
        }

        var held = HoldBack(context, parsed, order, year);
        var results = new JsonArray();
        var today = BeijingTime.DateOf(context.Now);
        var evaluated = parsed.Cases.Select(c => (Input: c, Result: c.Case.Evaluate(c.Period))).ToList();
        var json = JsonNode.Parse(AssessJsonWriter.Write(evaluated))!["results"]!.AsArray();
        for (var i = 0; i < evaluated.Count; i++)
        {
            var result = json[i]!.AsObject();
            result["prefecture"] = evaluated[i].Result.Prefecture.Id;
            // The notices built from the result are dated from today on: they name the prefecture as it is named today
            // (a 2015 result notice says 林芝市, though the assessed 2014 was 林芝地区's).
            result["prefecture_name"] = evaluated[i].Result.Prefecture.NameOn(today).Name;
            NameTargetSources(result, ledgerTargets);
            results.Add(result.DeepClone());
        }

        if (context.Ledger is not null)
        {
            context.RecordLedger(year, Figures(input, evaluated.Select(e => e.Result.Prefecture.Id).ToHashSet(StringComparer.Ordinal), Correctors(Corrections is { Length: > 0 } ? context.Evaluate(Corrections) : null)));
        }

        context.Variables[OutputVariable] = results;
        context.Variables[OutputVariable + HeldSuffix] = held;
        var failed = evaluated.Where(e => e.Result.Verdict == Verdict.Fail).Select(e => e.Result.Prefecture).ToList();
        context.Variables[OutputVariable + "_failed"] = new JsonArray(failed.Select(f => (JsonNode?)JsonValue.Create(f.Id)).ToArray());
        context.Journal("verdict", string.Create(CultureInfo.InvariantCulture,
            $"{year}年度考核评定：{evaluated.Count} 个地市，不合格 {failed.Count} 个{(failed.Count > 0 ? "（" + string.Join("、", failed.Select(f => f.NameOn(today).Name)) + "）" : string.Empty)}{(held.Count > 0 ? $"，暂缓评定 {held.Count} 个" : string.Empty)}"),
            new JsonObject { ["results"] = results.DeepClone() });
        context.Complete("done", failed.Count > 0 ? "anyFailed" : "allPassed");
    }

    /// <summary>One journal entry per prefecture whose case cannot be read, naming it (as it was called at the end of
    /// the assessed year) and the fields; the list goes to `{output}_held` for the operator and the approval.</summary>
    private static JsonArray HoldBack(ActivityExecutionContext context, AssessInput parsed, List<string> order, int year)
    {
        var held = new JsonArray();
        foreach (var group in parsed.Errors.Where(e => e.CaseIndex is not null).GroupBy(e => e.CaseIndex!.Value).OrderBy(g => g.Key))
        {
            var prefectureId = order[group.Key];
            var name = context.Parties.FindById(prefectureId)?.NameOn(BeijingTime.DateOf(context.Now)).Name ?? prefectureId;
            var errors = new JsonArray(group.Select(e => (JsonNode?)new JsonObject { ["field"] = e.Field, ["message"] = e.Message }).ToArray());
            var fields = string.Join("；", group.Select(e => e.Field is null ? e.Message : $"{e.Field}：{e.Message}"));
            var entry = new JsonObject { ["prefecture"] = prefectureId, ["prefecture_name"] = name, ["errors"] = errors };
            held.Add(entry);
            context.Journal(HeldBackEvent, string.Create(CultureInfo.InvariantCulture,
                $"{name}{year}年度考核数据无效，暂缓评定（其他地市照常评定）：{fields}。更正数据后再次评定时将重新评定该地市"),
                entry.DeepClone());
        }

        return held;
    }

    /// <summary>Puts each stored target in its case, marked `targetSource: ledger`.</summary>
    private static void UseLedgerTargets(JsonArray input, Dictionary<(string PrefectureId, string Pollutant), LedgerTargetInfo> targets)
    {
        if (targets.Count == 0)
        {
            return;
        }

        foreach (var item in input)
        {
            var prefecture = item?["prefecture"]?.GetValue<string>();
            foreach (var pollutant in item?["pollutants"] as JsonArray ?? [])
            {
                var code = Pollutant.FindKnown(pollutant?["code"]?.GetValue<string>())?.Code;
                if (prefecture is not null && code is not null && pollutant is JsonObject figures && targets.TryGetValue((prefecture, code), out var target))
                {
                    figures["target"] = new JsonObject { ["kind"] = target.Kind, ["value"] = target.Value };
                }
            }
        }
    }

    /// <summary>Each pollutant-target finding says where its target came from: the ledger (version, source, who) or
    /// the submitted data.</summary>
    private static void NameTargetSources(JsonObject result, Dictionary<(string PrefectureId, string Pollutant), LedgerTargetInfo> targets)
    {
        var prefecture = result["prefecture"]?.GetValue<string>();
        foreach (var finding in result["findings"] as JsonArray ?? [])
        {
            if (finding is JsonObject f && f["criterion"]?.GetValue<string>() == "pollutant-target" && prefecture is not null)
            {
                var code = f["subject"]?.GetValue<string>() ?? string.Empty;
                f["targetSource"] = targets.TryGetValue((prefecture, code), out var target)
                    ? string.Create(CultureInfo.InvariantCulture, $"目标台账第{target.Version}版（{target.Source}，{target.ChangedBy}）")
                    : "地市报送的考核数据";
            }
        }
    }

    /// <summary>The figures each evaluated case used: the submitted sectors (source `form`); where the total differs
    /// from their sum (a review corrected it) or no sectors were given, the total as `total`, from `correction` with
    /// the reviewing departments and their opinions when one corrected that prefecture.</summary>
    private static List<LedgerFigures> Figures(JsonArray input, HashSet<string> evaluated, Dictionary<string, List<(string Department, string? Opinion)>> correctors)
    {
        var figures = new List<LedgerFigures>();
        foreach (var item in input)
        {
            var prefecture = item?["prefecture"]?.GetValue<string>();
            if (prefecture is null || !evaluated.Contains(prefecture))
            {
                continue;
            }

            foreach (var pollutant in item?["pollutants"] as JsonArray ?? [])
            {
                var code = Pollutant.FindKnown(pollutant?["code"]?.GetValue<string>())?.Code;
                if (code is null || Number(pollutant?["actualTonnes"]) is not { } actual)
                {
                    continue;
                }

                var sectors = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var (sector, tonnes) in pollutant?["sectors"] as JsonObject ?? [])
                {
                    if (EmissionSectors.IsKnown(sector) && Number(tonnes) is { } value)
                    {
                        sectors[sector] = value;
                    }
                }

                if (sectors.Count > 0)
                {
                    figures.Add(new LedgerFigures(prefecture, code, sectors, "form", prefecture, null));
                }

                if (sectors.Count == 0 || sectors.Values.Sum() != actual)
                {
                    var total = new Dictionary<string, decimal> { [EmissionSectors.Total] = actual };
                    figures.Add(correctors.TryGetValue(prefecture, out var by) && sectors.Count > 0
                        ? new LedgerFigures(prefecture, code, total, "correction", string.Join("、", by.Select(b => b.Department)), "现场核查更正：" + string.Join("；", by.Select(b => b.Opinion is { Length: > 0 } o ? $"{b.Department}：{o}" : b.Department)))
                        : new LedgerFigures(prefecture, code, total, "form", prefecture, null));
                }
            }
        }

        return figures;
    }

    /// <summary>The departments whose reviews corrected each prefecture, with their opinions.</summary>
    private static Dictionary<string, List<(string Department, string? Opinion)>> Correctors(JsonNode? value)
    {
        var result = new Dictionary<string, List<(string Department, string? Opinion)>>(StringComparer.Ordinal);
        foreach (var (department, review) in value as JsonObject ?? [])
        {
            if (review?["corrections"] is not JsonObject corrections)
            {
                continue;
            }

            var opinion = review["opinion"] is JsonValue text && text.TryGetValue<string>(out var o) ? o : null;
            foreach (var (prefecture, _) in corrections)
            {
                if (!result.TryGetValue(prefecture, out var list))
                {
                    result[prefecture] = list = [];
                }

                list.Add((department, opinion));
            }
        }

        return result;
    }

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<decimal>(out var d) || (value.TryGetValue<double>(out var f) && double.IsFinite(f) && (d = (decimal)f) == d)) ? d : null;

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
