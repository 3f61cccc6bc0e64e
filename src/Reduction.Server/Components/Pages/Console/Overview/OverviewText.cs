using System.Globalization;
using Reduction.Domain.Parties;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Components.Pages.Console.Overview;

/// <summary>How a cell of the year at a glance reads: its state in Chinese, its colour, and the escalation rule it
/// rests on.</summary>
public static class OverviewText
{
    /// <summary>The cell's first line: 办理中, 按期提交, 逾期提交（晚 N 天）, 已逾期 N 天, 已退回, 已撤销.</summary>
    public static string State(OverviewCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.State switch
        {
            OverviewStates.Open => "办理中",
            OverviewStates.Submitted => "按期提交",
            OverviewStates.SubmittedLate => Invariant($"逾期提交（晚 {cell.LateBy ?? 1} 天）"),
            OverviewStates.Overdue => Invariant($"已逾期 {cell.LateBy ?? 1} 天"),
            OverviewStates.Returned => "已退回",
            OverviewStates.Cancelled => "已撤销",
            _ => cell.State,
        };
    }

    /// <summary>The cell's second line: the time left while waiting for an answer, the escalation level when one was
    /// sent; empty otherwise.</summary>
    public static string Detail(OverviewCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.DaysLeft is { } days)
        {
            return cell.WorkingDaysLeft is { } working ? Invariant($"剩 {days} 天/{working} 个工作日") : Invariant($"剩 {days} 天");
        }

        return cell.EscalationLevel > 0 ? Invariant($"督办第 {cell.EscalationLevel} 级") : string.Empty;
    }

    /// <summary>The CSS class of the cell's colour.</summary>
    public static string CssClass(OverviewCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return "overview-" + cell.State;
    }

    /// <summary>The rule the last escalation step rests on, in words: "期限后第 3 个工作日督办，通知自治区监察厅".</summary>
    public static string? Rule(OverviewCell cell, PartyDirectory parties, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(parties);
        if (cell.EscalationRule is not { } rule)
        {
            return null;
        }

        var when = rule.Split(':') switch
        {
            ["days", "+0"] => "逾期即督办",
            ["days", var n] when n.StartsWith('+') => $"期限后第 {n[1..]} 天督办",
            ["workdays", var n] when n.StartsWith('+') => $"期限后第 {n[1..]} 个工作日督办",
            _ => $"按规则 {rule} 督办",
        };
        var told = cell.EscalationRecipients.Select(r => parties.RoleNameOn(r, date)).ToList();
        return told.Count == 0 ? when : $"{when}，通知{string.Join("、", told)}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
