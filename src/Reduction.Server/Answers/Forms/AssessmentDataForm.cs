using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Server.Answers.Forms;

/// <summary>A prefecture's data for the assessed year. Its data is the assessment case the workflow evaluates, in
/// the shape of `reduction assess` cases (docs/assess.md): `pollutants` (code, actualTonnes = the sum of the
/// sectors, previous/base-year tonnes, target), `keyProjects`, `monitoring`; plus `sectors` per pollutant and
/// `evidence` per project, which the evaluation ignores. The case is checked with the same reader the evaluation
/// uses, so a case the form accepts can always be evaluated.</summary>
public sealed partial class AssessmentDataForm : TaskForm
{
    public const string Projects = "projects";

    public static readonly (string Path, string Label)[] MonitoringFields =
    [
        ("monitoring.transmission.due", "自动监控数据应传输条数"),
        ("monitoring.transmission.received", "实际接收条数"),
        ("monitoring.transmission.valid", "其中有效条数"),
        ("monitoring.selfMonitoringPublication.required", "应公布自行监测结果的企业数"),
        ("monitoring.selfMonitoringPublication.published", "已公布的企业数"),
        ("monitoring.supervisoryMonitoringPublication.required", "四个季度开展监督性监测的企业数"),
        ("monitoring.supervisoryMonitoringPublication.published", "每季度均公布结果的企业数"),
    ];

    public override string Heading => "考核数据";

    public static string Field(string code, string field) => $"pollutants.{code}.{field}";

    public override JsonObject? Read(FormState state, TaskFormContext context)
    {
        var period = context.Periods.FindByYear(context.AssessedYear);
        if (period is null)
        {
            state.Fail(FormState.General, string.Create(CultureInfo.InvariantCulture, $"{context.AssessedYear}年不在任何规划期内，无法报送考核数据，请联系{context.Parties.RoleNameOn(PartyRole.Epb, new DateOnly(context.Year, 1, 1))}"));
            return null;
        }

        var pollutants = new JsonArray();
        foreach (var pollutant in period.Pollutants)
        {
            if (ReadPollutant(state, pollutant, period) is { } figures)
            {
                pollutants.Add(figures);
            }
        }

        var projects = new JsonArray();
        var projectRows = new List<int>();
        foreach (var row in state.FilledRows(Projects))
        {
            var name = FormInput.Text(state, FormState.Row(Projects, row, "name"), "项目名称", required: true, maxLength: 200);
            var due = FormInput.Date(state, FormState.Row(Projects, row, "dueDate"), "责任书要求完成日期", required: true);
            var status = FormInput.Choice(state, FormState.Row(Projects, row, "status"), "项目状态", KeyProjectStatuses.AllCodes);
            var completed = FormInput.Date(state, FormState.Row(Projects, row, "completedOn"), "建成（投运）日期", required: false);
            var evidence = FormInput.Text(state, FormState.Row(Projects, row, "evidence"), "证明材料", required: status is "completed" or "operating");
            if (name is null || due is null || status is null)
            {
                continue;
            }

            var project = new JsonObject { ["name"] = name, ["dueDate"] = FormInput.Iso(due.Value), ["status"] = status };
            if (completed is { } on)
            {
                project["completedOn"] = FormInput.Iso(on);
            }

            if (evidence is not null)
            {
                project["evidence"] = evidence;
            }

            projects.Add(project);
            projectRows.Add(row);
        }

        var monitoring = new JsonObject();
        foreach (var (path, label) in MonitoringFields)
        {
            if (FormInput.Count(state, path, label) is { } count)
            {
                var parts = path.Split('.');
                var group = monitoring[parts[1]] as JsonObject ?? [];
                monitoring[parts[1]] = group;
                group[parts[2]] = count;
            }
        }

        if (state.HasErrors)
        {
            return null;
        }

        var data = new JsonObject { ["pollutants"] = pollutants, ["keyProjects"] = projects, ["monitoring"] = monitoring };
        Check(state, data, context, period, projectRows);
        return state.HasErrors ? null : data;
    }

    public override void Fill(FormState state, JsonObject data, TaskFormContext context)
    {
        foreach (var pollutant in data["pollutants"] as JsonArray ?? [])
        {
            if (Str(pollutant?["code"]) is not { } code)
            {
                continue;
            }

            if (pollutant!["sectors"] is JsonObject sectors)
            {
                foreach (var (sector, tonnes) in sectors)
                {
                    state.Values[Field(code, sector)] = Number(tonnes);
                }
            }
            else if (context.PeriodOf(context.AssessedYear) is var period && period.FindPollutant(code) is { } known)
            {
                state.Values[Field(code, period.SectorsOf(known)[0])] = Number(pollutant["actualTonnes"]);
            }

            state.Values[Field(code, "previousTonnes")] = Number(pollutant["previousTonnes"]);
            state.Values[Field(code, "baseYearTonnes")] = Number(pollutant["baseYearTonnes"]);
            state.Values[Field(code, "targetKind")] = Str(pollutant["target"]?["kind"]) ?? string.Empty;
            state.Values[Field(code, "targetValue")] = Number(pollutant["target"]?["value"]);
        }

        var row = 0;
        foreach (var project in data["keyProjects"] as JsonArray ?? [])
        {
            state.Values[FormState.Row(Projects, row, "name")] = Str(project?["name"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "dueDate")] = Str(project?["dueDate"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "status")] = Str(project?["status"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "completedOn")] = Str(project?["completedOn"]) ?? string.Empty;
            state.Values[FormState.Row(Projects, row, "evidence")] = Str(project?["evidence"]) ?? string.Empty;
            row++;
        }

        foreach (var (path, _) in MonitoringFields)
        {
            var parts = path.Split('.');
            state.Values[path] = Number(data["monitoring"]?[parts[1]]?[parts[2]]);
        }
    }

    private static JsonObject? ReadPollutant(FormState state, Pollutant pollutant, PlanPeriod period)
    {
        var code = pollutant.Code;
        var sectors = new JsonObject();
        var total = 0m;
        foreach (var sector in period.SectorsOf(pollutant))
        {
            if (FormInput.Decimal(state, Field(code, sector), $"{EmissionSectors.Label(sector)}排放量", required: true) is { } tonnes)
            {
                sectors[sector] = tonnes;
                total += tonnes;
            }
        }

        var previous = FormInput.Decimal(state, Field(code, "previousTonnes"), "上年排放量", required: false);
        var baseYear = FormInput.Decimal(state, Field(code, "baseYearTonnes"), string.Create(CultureInfo.InvariantCulture, $"{period.BaseYear}年（基准年）排放量"), required: false);
        var kind = FormInput.Choice(state, Field(code, "targetKind"), "目标类型", period.TargetKinds.Select(TargetKinds.ToCode));
        var value = FormInput.Decimal(state, Field(code, "targetValue"), "目标值", required: true, allowNegative: true);
        if (sectors.Count != period.SectorsOf(pollutant).Count || kind is null || value is null)
        {
            return null;
        }

        var figures = new JsonObject { ["code"] = code, ["actualTonnes"] = total };
        if (previous is not null)
        {
            figures["previousTonnes"] = previous;
        }

        if (baseYear is not null)
        {
            figures["baseYearTonnes"] = baseYear;
        }

        figures["target"] = new JsonObject { ["kind"] = kind, ["value"] = value };
        figures["sectors"] = sectors;
        return figures;
    }

    /// <summary>Runs the evaluation's own reader over the case and puts its findings beside the fields they concern.</summary>
    private static void Check(FormState state, JsonObject data, TaskFormContext context, PlanPeriod period, List<int> projectRows)
    {
        var candidate = (JsonObject)data.DeepClone();
        candidate["prefecture"] = context.Party.Id;
        candidate["year"] = context.AssessedYear;
        var input = AssessInputReader.Read(new JsonObject { ["cases"] = new JsonArray(candidate) }.ToJsonString(), context.Periods, context.Parties);
        foreach (var error in input.Errors)
        {
            state.Fail(FieldOf(error.Field, period, projectRows), error.Message);
        }
    }

    private static string FieldOf(string? path, PlanPeriod period, List<int> projectRows)
    {
        if (path is null)
        {
            return FormState.General;
        }

        if (PollutantPath().Match(path) is { Success: true } pollutant)
        {
            var code = period.Pollutants[int.Parse(pollutant.Groups[1].Value, CultureInfo.InvariantCulture)].Code;
            return pollutant.Groups[2].Value switch
            {
                "target.kind" => Field(code, "targetKind"),
                "target.value" => Field(code, "targetValue"),
                "previousTonnes" or "baseYearTonnes" => Field(code, pollutant.Groups[2].Value),
                _ => Field(code, "targetValue"),
            };
        }

        if (ProjectPath().Match(path) is { Success: true } project)
        {
            var index = int.Parse(project.Groups[1].Value, CultureInfo.InvariantCulture);
            return index < projectRows.Count ? FormState.Row(Projects, projectRows[index], project.Groups[2].Value) : FormState.General;
        }

        return path.StartsWith("monitoring.", StringComparison.Ordinal) ? path : FormState.General;
    }

    [GeneratedRegex(@"^pollutants\[(\d+)\]\.(.+)$")]
    private static partial Regex PollutantPath();

    [GeneratedRegex(@"^keyProjects\[(\d+)\]\.(\w+)$")]
    private static partial Regex ProjectPath();
}
