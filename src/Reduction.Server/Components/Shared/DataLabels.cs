using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Assessment;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Components.Shared;

/// <summary>Chinese names for the fields and codes of submitted data, so a receipt or a read-only page reads as a
/// form, not as JSON. Unknown fields show their own name.</summary>
public static class DataLabels
{
    /// <summary>Fields not shown: bookkeeping, or shown another way (corrections as their rows, attachments as links).</summary>
    public static IReadOnlySet<string> Hidden { get; } = new HashSet<string>(StringComparer.Ordinal) { "submissionKey", "corrections", "attachments" };

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["summary"] = "内容",
        ["measures"] = "减排措施分解",
        ["level"] = "层级",
        ["unit"] = "责任单位",
        ["measure"] = "措施",
        ["deadline"] = "完成时限",
        ["plannedEmissions"] = "计划排放量",
        ["code"] = "污染物",
        ["tonnes"] = "吨",
        ["keyProjects"] = "重点项目",
        ["name"] = "名称",
        ["milestone"] = "年度进度安排",
        ["dueDate"] = "要求完成日期",
        ["responsible"] = "责任单位",
        ["pollutants"] = "污染物排放量",
        ["actualTonnes"] = "排放量（吨）",
        ["previousTonnes"] = "上年排放量（吨）",
        ["baseYearTonnes"] = "基准年排放量（吨）",
        ["target"] = "目标",
        ["kind"] = "类型",
        ["value"] = "数值",
        ["sectors"] = "分源排放量（吨）",
        ["status"] = "状态",
        ["completedOn"] = "建成（投运）日期",
        ["evidence"] = "证明材料",
        ["verifiedRunning"] = "核查时运行",
        ["monitoring"] = "监控体系",
        ["transmission"] = "自动监控数据传输",
        ["due"] = "应传输条数",
        ["received"] = "实际接收条数",
        ["valid"] = "有效条数",
        ["selfMonitoringPublication"] = "自行监测结果公布",
        ["supervisoryMonitoringPublication"] = "监督性监测结果公布",
        ["published"] = "已公布",
        ["required"] = "应公布",
        ["decision"] = "意见",
        ["comments"] = "说明",
        ["opinion"] = "理由和核查情况",
        ["correctionRows"] = "更正数据",
        ["prefecture"] = "地市",
        ["item"] = "更正项目",
        ["contact"] = "填报人",
        ["phone"] = "联系电话",
    };

    public static string Name(string field) => Names.GetValueOrDefault(field)
        ?? (EmissionSectors.Label(field) is var sector && sector != EmissionSectors.Label(EmissionSectors.Total) ? sector : field);

    /// <summary>A scalar as text, codes translated by the field they are in.</summary>
    public static string Value(string field, JsonNode? node, PartyDirectory parties)
    {
        if (node is not JsonValue value)
        {
            return node?.ToJsonString() ?? string.Empty;
        }

        if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>() ? "是" : "否";
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return field switch
        {
            "level" => MeasureLevels.Label(text),
            "decision" => Decisions.DisplayName(text) ?? text,
            "status" => KeyProjectStatuses.TryParse(text, out var status) ? KeyProjectStatuses.DisplayName(status) : text,
            "kind" => TargetKinds.TryParse(text, out var kind) ? TargetKinds.DisplayName(kind) : text,
            "prefecture" => parties.FindById(text)?.CurrentName.Name ?? text,
            "item" => ItemName(text),
            _ => text,
        };
    }

    private static string ItemName(string code)
    {
        if (code.StartsWith(CorrectionItems.PollutantPrefix, StringComparison.Ordinal))
        {
            return $"{code[CorrectionItems.PollutantPrefix.Length..]} 排放量（吨）";
        }

        return code == CorrectionItems.ProjectNotRunning
            ? "重点项目核查未运行"
            : AssessmentDataForm.MonitoringFields.FirstOrDefault(f => f.Path == code).Label ?? code;
    }
}
