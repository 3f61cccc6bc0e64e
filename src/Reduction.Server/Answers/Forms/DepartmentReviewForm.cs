using System.Text.Json.Nodes;
using Reduction.Domain.Parties;

namespace Reduction.Server.Answers.Forms;

/// <summary>A department's countersign review of the evaluated results: agree, or disagree with an opinion and data
/// corrections from on-site verification. Data: `{"decision": "agree"|"disagree", "opinion", "corrections":
/// {prefecture id: {fields to override}}, "correctionRows": [...]}`; the consolidating evaluation merges
/// `corrections` into the cases (objects field by field, arrays whole, so a corrected pollutant or project carries
/// the prefecture's whole list with the one value changed).</summary>
public sealed class DepartmentReviewForm : TaskForm
{
    public const string Rows = "corrections";

    public override string Heading => "复核意见";

    public override bool AcceptsAttachments => true;

    public const int MaxRows = 50;

    public override FormLimits Limits(TaskFormContext context) =>
        base.Limits(context)
            .Field("decision", FormLimits.Code)
            .Field("opinion", FormLimits.Long)
            .Rows(Rows, "更正数据", MaxRows, ("prefecture", FormLimits.Code), ("item", FormLimits.Code), ("value", FormLimits.Short));

    public override JsonObject? Read(FormState state, TaskFormContext context)
    {
        var decision = FormInput.Choice(state, "decision", "复核意见", ["agree", "disagree"]);
        var opinion = FormInput.Text(state, "opinion", "不同意的理由和核查情况", required: decision == "disagree");
        var period = context.PeriodOf(context.AssessedYear);
        var items = CorrectionItems.For(period).Select(i => i.Code).ToList();
        var prefectures = context.Parties.WithRole(PartyRole.Prefecture).Select(p => p.Id).ToList();
        var corrections = new JsonObject();
        var rows = new JsonArray();
        foreach (var row in state.FilledRows(Rows))
        {
            if (decision == "agree")
            {
                state.Fail(FormState.Row(Rows, row, "value"), "选择“同意”时不填写更正数据；如需更正，请选择“不同意”");
                continue;
            }

            var prefecture = FormInput.Choice(state, FormState.Row(Rows, row, "prefecture"), "地市", prefectures);
            var item = FormInput.Choice(state, FormState.Row(Rows, row, "item"), "更正项目", items);
            if (prefecture is null || item is null)
            {
                continue;
            }

            var valueField = FormState.Row(Rows, row, "value");
            var patch = corrections[prefecture] as JsonObject ?? [];
            corrections[prefecture] = patch;
            if (!Apply(state, valueField, patch, prefecture, item, context))
            {
                continue;
            }

            rows.Add(new JsonObject { ["prefecture"] = prefecture, ["item"] = item, ["value"] = state.Value(valueField).Trim() });
        }

        if (state.HasErrors)
        {
            return null;
        }

        var data = new JsonObject { ["decision"] = decision };
        if (opinion is not null)
        {
            data["opinion"] = opinion;
        }

        if (rows.Count > 0)
        {
            data["corrections"] = corrections;
            data["correctionRows"] = rows;
        }

        return data;
    }

    public override void Fill(FormState state, JsonObject data, TaskFormContext context)
    {
        state.Values["decision"] = Str(data["decision"]) ?? string.Empty;
        state.Values["opinion"] = Str(data["opinion"]) ?? string.Empty;
        var row = 0;
        foreach (var correction in data["correctionRows"] as JsonArray ?? [])
        {
            state.Values[FormState.Row(Rows, row, "prefecture")] = Str(correction?["prefecture"]) ?? string.Empty;
            state.Values[FormState.Row(Rows, row, "item")] = Str(correction?["item"]) ?? string.Empty;
            state.Values[FormState.Row(Rows, row, "value")] = Str(correction?["value"]) ?? string.Empty;
            row++;
        }
    }

    private static bool Apply(FormState state, string valueField, JsonObject patch, string prefecture, string item, TaskFormContext context)
    {
        if (item == CorrectionItems.ProjectNotRunning)
        {
            var name = FormInput.Text(state, valueField, "项目名称", required: true, maxLength: 200);
            var projects = Copy(patch, "keyProjects", prefecture, context);
            var project = projects?.FirstOrDefault(p => Str(p?["name"]) == name);
            if (name is null)
            {
                return false;
            }

            if (project is null)
            {
                state.Fail(valueField, $"该地市报送的数据中没有名为“{name}”的重点项目");
                return false;
            }

            project["verifiedRunning"] = false;
            patch["keyProjects"] = projects;
            return true;
        }

        if (item.StartsWith(CorrectionItems.PollutantPrefix, StringComparison.Ordinal))
        {
            var code = item[CorrectionItems.PollutantPrefix.Length..];
            var tonnes = FormInput.Decimal(state, valueField, "核定排放量", required: true);
            var pollutants = Copy(patch, "pollutants", prefecture, context);
            var pollutant = pollutants?.FirstOrDefault(p => Str(p?["code"]) == code);
            if (tonnes is null)
            {
                return false;
            }

            if (pollutant is null)
            {
                state.Fail(valueField, "未找到该地市报送的排放数据，无法更正排放量");
                return false;
            }

            pollutant["actualTonnes"] = tonnes;
            patch["pollutants"] = pollutants;
            return true;
        }

        var count = FormInput.Count(state, valueField, "核定数值");
        if (count is null)
        {
            return false;
        }

        var parts = item.Split('.');
        var group = patch["monitoring"] as JsonObject ?? [];
        patch["monitoring"] = group;
        var counts = group[parts[1]] as JsonObject ?? [];
        group[parts[1]] = counts;
        counts[parts[2]] = count;
        return true;
    }

    /// <summary>The patch's list if an earlier row started one, else a copy of the prefecture's submitted list.</summary>
    private static JsonArray? Copy(JsonObject patch, string name, string prefecture, TaskFormContext context) =>
        patch[name] as JsonArray ?? (CycleVariables.CaseOf(context.Variables, prefecture)?[name] as JsonArray)?.DeepClone() as JsonArray;
}
