namespace Reduction.Server.Workflows.Design;

/// <summary>What the canvas shows for codes: outcomes in Chinese (a dynamic outcome, a fork's branch or a switch's
/// case, is its own name) and a colour per activity category.</summary>
public static class DesignerLabels
{
    private static readonly Dictionary<string, string> Outcomes = new(StringComparer.Ordinal)
    {
        ["done"] = "完成",
        ["submitted"] = "已提交",
        ["overdue"] = "逾期",
        ["cancelled"] = "已撤销",
        ["true"] = "是",
        ["false"] = "否",
        ["default"] = "其他",
        ["anyFailed"] = "有未通过",
        ["allPassed"] = "全部通过",
    };

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["流程"] = "#546e7a",
        ["任务"] = "#1f4e79",
        ["时间"] = "#8d6e00",
        ["通知"] = "#2e7d32",
        ["考核"] = "#6a1b9a",
        ["否决"] = "#b3261e",
        ["组合"] = "#00695c",
    };

    public static string Outcome(string outcome) => Outcomes.GetValueOrDefault(outcome, outcome);

    public static string CategoryColour(string? category) => category is not null && Colours.TryGetValue(category, out var colour) ? colour : "#455a64";

    /// <summary>The categories in the toolbox's order.</summary>
    public static IReadOnlyList<string> CategoryOrder { get; } = ["流程", "任务", "时间", "通知", "考核", "否决", "组合"];
}
