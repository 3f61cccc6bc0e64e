using System.Globalization;
using System.Text;
using Reduction.Cli.Workflows;
using Reduction.Domain.Assessment;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Simulation;

namespace Reduction.Cli.Simulation;

/// <summary>A year at a glance: one line per event (notices folded into their task's line), then verdicts and sanctions.
/// Everything is in Chinese: notice kinds, roles, verdicts, decisions and measures by their names (codes are for JSON).</summary>
internal static class SimulationTableWriter
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["task-issued"] = "下达任务",
        ["task-submitted"] = "提交",
        ["task-overdue"] = "逾期",
        ["escalation"] = "督办",
        ["task-reassigned"] = "改派",
        ["verdict"] = "评定",
        ["approval"] = "审定",
        ["sanction-started"] = "否决生效",
        ["sanction-lifted"] = "否决解除",
        ["incident"] = "异常",
        ["case-held-back"] = "暂缓评定",
        ["faulted"] = "故障",
        ["notice"] = "通知",
    };

    private static readonly Dictionary<string, string> Tasks = new(StringComparer.Ordinal)
    {
        ["self-check"] = "自查报告",
        ["annual-plan"] = "年度计划",
        ["plan-review"] = "计划审查",
        ["assessment-data"] = "考核数据",
        ["department-data"] = "部门数据",
        ["department-review"] = "会签复核",
        ["government-approval"] = "政府审定",
        ["supervision-measures"] = "问责处理",
        ["re-verification"] = "整改复核",
    };

    /// <param name="parties">The directory the year ran on: names roles and sanctioned prefectures.</param>
    /// <param name="noticeName">The zh-CN name of a notice kind (逾期催报函 for `overdue`).</param>
    public static string Write(SimulationResult result, PartyDirectory parties, Func<string, string> noticeName)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Year}年度主要污染物总量减排考核（模拟）：评定{result.Year - 1}年度，周期状态：{StatusLabel(result.CycleStatus)}");
        text.AppendLine();
        var noticeCount = 0;
        foreach (var e in result.Events)
        {
            if (e.Kind == "notice")
            {
                noticeCount++;
                if (e.Notice is "task-issued" or "receipt" or "reminder")
                {
                    continue; // shown through their task's own line
                }
            }

            var on = BeijingTime.DateOf(e.At);
            var what = e.Kind == "notice" ? $"通知 {noticeName(e.Notice!)}" : Kinds.GetValueOrDefault(e.Kind, "事件");
            var task = e.Task is null ? string.Empty : Tasks.GetValueOrDefault(e.Task, "任务");
            var roles = e.RecipientRoles is { Count: > 0 } r ? " → " + string.Join("、", r.Select(role => parties.RoleNameOn(role, on))) : string.Empty;
            var detail = Detail(e) is { } d ? " " + d : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"{BeijingTime.ToBeijing(e.At):yyyy-MM-dd HH:mm}  {Pad(what, 12)}{Pad(task, 10)}{e.Party}{roles}{detail}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"通知共 {noticeCount} 份（下达、提醒、回执通知已并入相应任务行）");
        text.AppendLine();
        text.AppendLine("考核结果：");
        foreach (var verdict in result.Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Pad(verdict.Prefecture, 10)}{VerdictName(verdict.Verdict)}");
        }

        text.AppendLine();
        text.AppendLine(result.Sanctions.Count == 0 ? "否决措施：无" : "否决措施：");
        foreach (var sanction in result.Sanctions.OrderBy(s => s.StartsOn).ThenBy(s => s.PrefectureId, StringComparer.Ordinal).ThenBy(s => s.Kind))
        {
            var name = parties.FindById(sanction.PrefectureId)?.NameOn(sanction.StartsOn).Name ?? sanction.PrefectureId;
            var until = sanction.EndsOn is { } end ? $"至 {end:yyyy-MM-dd}" : "至今";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Pad(name, 10)}{SanctionKinds.DisplayName(sanction.Kind)}（自 {sanction.StartsOn:yyyy-MM-dd} {until}）");
        }

        return text.ToString();
    }

    // The detail worth a column: verdicts, decisions and measures by their names, and the journal's own (Chinese) text
    // where a reassignment or failure needs explaining.
    private static string? Detail(SimulationEvent e) => e.Kind switch
    {
        "verdict" => VerdictName(e.Detail),
        "approval" => Decisions.DisplayName(e.Detail) ?? e.Detail,
        "sanction-started" or "sanction-lifted" => SanctionKinds.TryParse(e.Detail, out var kind) ? SanctionKinds.DisplayName(kind) : e.Detail,
        "task-reassigned" or "incident" or "faulted" or "case-held-back" => e.Detail,
        _ => null,
    };

    private static string VerdictName(string? code) => Verdicts.TryParse(code, out var verdict) ? Verdicts.DisplayName(verdict) : code ?? string.Empty;

    private static string StatusLabel(string status) =>
        Enum.TryParse<InstanceStatus>(status, out var parsed) ? DisplayText.Label(parsed) : "未启动";

    // Pads by display width: CJK characters take two columns.
    private static string Pad(string value, int width)
    {
        var columns = value.Sum(c => c > 0x2E80 ? 2 : 1);
        return value + new string(' ', Math.Max(1, (width * 2) - columns));
    }
}
