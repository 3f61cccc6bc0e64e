using System.Text.Json.Nodes;

namespace Reduction.Server.Answers.Forms;

/// <summary>The annual reduction plan and implementation scheme (article 4): measures broken down to counties,
/// departments and enterprises, planned emissions per pollutant, the key-project schedule.</summary>
/// <remarks>Data: `{"summary", "measures": [{"level", "unit", "measure", "deadline"}], "plannedEmissions": [{"code",
/// "tonnes"}], "keyProjects": [{"name", "milestone", "dueDate", "responsible"}]}`.</remarks>
public sealed class AnnualPlanForm : TaskForm
{
    public const string Measures = "measures";
    public const string Projects = "projects";

    public override string Heading => "年度减排计划和实施方案";

    public const int MaxMeasures = 100;
    public const int MaxProjects = 50;

    public static string Planned(string code) => $"planned.{code}";

    public override FormLimits Limits(TaskFormContext context)
    {
        var limits = base.Limits(context)
            .Field("summary", FormLimits.Summary)
            .Rows(Measures, "减排措施", MaxMeasures, ("level", FormLimits.Code), ("unit", FormLimits.Short), ("measure", FormLimits.Long), ("deadline", FormLimits.Date))
            .Rows(Projects, "重点项目", MaxProjects, ("name", FormLimits.Short), ("milestone", FormLimits.Long), ("dueDate", FormLimits.Date), ("responsible", FormLimits.Short));
        foreach (var pollutant in context.PeriodOf(context.Year).Pollutants)
        {
            limits.Field(Planned(pollutant.Code), FormLimits.Number);
        }

        return limits;
    }

    public override JsonObject? Read(FormState state, TaskFormContext context)
    {
        var summary = FormInput.Text(state, "summary", "计划概述", required: true, maxLength: 20000);
        var measures = new JsonArray();
        var levels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in state.FilledRows(Measures))
        {
            var level = FormInput.Choice(state, FormState.Row(Measures, row, "level"), "层级", MeasureLevels.All.Select(l => l.Code));
            var unit = FormInput.Text(state, FormState.Row(Measures, row, "unit"), "责任单位", required: true, maxLength: 200);
            var measure = FormInput.Text(state, FormState.Row(Measures, row, "measure"), "减排措施", required: true);
            var deadline = FormInput.Date(state, FormState.Row(Measures, row, "deadline"), "完成时限", required: false);
            if (level is null || unit is null || measure is null)
            {
                continue;
            }

            levels.Add(level);
            var item = new JsonObject { ["level"] = level, ["unit"] = unit, ["measure"] = measure };
            if (deadline is { } date)
            {
                item["deadline"] = FormInput.Iso(date);
            }

            measures.Add(item);
        }

        var missing = MeasureLevels.All.Where(l => !levels.Contains(l.Code)).Select(l => l.Label).ToList();
        if (missing.Count > 0 && !state.Errors.Keys.Any(k => k.StartsWith(Measures, StringComparison.Ordinal)))
        {
            state.Fail(Measures, $"减排措施须分解到县（区）、部门和企业，缺少：{string.Join("、", missing)}");
        }

        var planned = new JsonArray();
        foreach (var pollutant in context.PeriodOf(context.Year).Pollutants)
        {
            if (FormInput.Decimal(state, Planned(pollutant.Code), $"{pollutant.Name}（{pollutant.Code}）计划排放量", required: true) is { } tonnes)
            {
                planned.Add(new JsonObject { ["code"] = pollutant.Code, ["tonnes"] = tonnes });
            }
        }

        var projects = new JsonArray();
        foreach (var row in state.FilledRows(Projects))
        {
            var name = FormInput.Text(state, FormState.Row(Projects, row, "name"), "项目名称", required: true, maxLength: 200);
            var milestone = FormInput.Text(state, FormState.Row(Projects, row, "milestone"), "年度进度安排", required: false);
            var due = FormInput.Date(state, FormState.Row(Projects, row, "dueDate"), "计划完成日期", required: true);
            var responsible = FormInput.Text(state, FormState.Row(Projects, row, "responsible"), "责任单位", required: false, maxLength: 200);
            if (name is null || due is null)
            {
                continue;
            }

            var item = new JsonObject { ["name"] = name, ["dueDate"] = FormInput.Iso(due.Value) };
            if (milestone is not null)
            {
                item["milestone"] = milestone;
            }

            if (responsible is not null)
            {
                item["responsible"] = responsible;
            }

            projects.Add(item);
        }

        if (state.HasErrors)
        {
            return null;
        }

        return new JsonObject
        {
            ["summary"] = summary,
            ["measures"] = measures,
            ["plannedEmissions"] = planned,
            ["keyProjects"] = projects,
        };
    }

    public override void Fill(FormState state, JsonObject data, TaskFormContext context)
    {
        state.Values["summary"] = Str(data["summary"]) ?? string.Empty;
        var row = 0;
        foreach (var measure in data["measures"] as JsonArray ?? [])
        {
            state.Values[FormState.Row(Measures, row, "level")] = Str(measure?["level"]) ?? string.Empty;
            state.Values[FormState.Row(Measures, row, "unit")] = Str(measure?["unit"]) ?? string.Empty;
            state.Values[FormState.Row(Measures, row, "measure")] = Str(measure?["measure"]) ?? string.Empty;
            state.Values[FormState.Row(Measures, row, "deadline")] = Str(measure?["deadline"]) ?? string.Empty;
            row++;
        }

        foreach (var planned in data["plannedEmissions"] as JsonArray ?? [])
        {
            if (Str(planned?["code"]) is { } code)
            {
                state.Values[Planned(code)] = Number(planned?["tonnes"]);
            }
        }

        row = 0;
        foreach (var project in data["keyProjects"] as JsonArray ?? [])
        {
            state.Values[FormState.Row(Projects, row, "name")] = Str(project?["name"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "milestone")] = Str(project?["milestone"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "dueDate")] = Str(project?["dueDate"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "responsible")] = Str(project?["responsible"]) ?? string.Empty;
            row++;
        }
    }
}
