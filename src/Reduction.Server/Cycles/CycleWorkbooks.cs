using System.Globalization;
using Reduction.Domain.Assessment;
using Reduction.Domain.Calendar;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Components.Pages.Console.Overview;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Cycles;

/// <summary>
/// A cycle year's exports (`GET /api/exports/results` and `…/overview`), formatted as the ledger's are
/// (<see cref="ExportWorkbook"/>): the assessment results, one row per prefecture on 考核结果 and one per finding on
/// 考核明细, the texts as the evaluation wrote them; and the year at a glance, one row per party and task kind, as
/// `GET /api/cycles/{year}/overview` answers it. Both write only the rows they are given, which the queries have already
/// scoped.
/// </summary>
public static class CycleWorkbooks
{
    public const string ResultsSheet = "考核结果";

    public const string FindingsSheet = "考核明细";

    public const string OverviewSheet = "年度总览";

    private const string DateTimeFormat = "yyyy-mm-dd hh:mm";

    private static readonly WorkbookColumn Prefecture = new("地市", typeof(string), 14);

    private static readonly WorkbookColumn[] ResultColumns =
    [
        Prefecture,
        new("考核年度", typeof(int), 10, "0"),
        new("评定结果", typeof(string), 12),
        new("考核项数", typeof(int), 10, "0"),
        new("未达标项数", typeof(int), 12, "0"),
        new("评定理由", typeof(string), 90),
    ];

    private static readonly WorkbookColumn[] FindingColumns =
    [
        Prefecture,
        new("考核项", typeof(string), 24),
        new("污染物或项目", typeof(string), 30),
        new("目标类型", typeof(string), 16),
        new("考核要求", typeof(string), 18),
        new("实际完成", typeof(string), 18),
        new("是否达标", typeof(string), 10),
        new("考核依据", typeof(string), 50),
        new("目标来源", typeof(string), 40),
        new("说明", typeof(string), 50),
    ];

    private static readonly WorkbookColumn[] OverviewColumns =
    [
        new("单位", typeof(string), 18),
        new("任务", typeof(string), 20),
        new("状态", typeof(string), 22),
        new("期限（北京时间）", typeof(DateTime), 20, DateTimeFormat),
        new("提交时间（北京时间）", typeof(DateTime), 20, DateTimeFormat),
        new("逾期天数", typeof(int), 10, "0"),
        new("督办级别", typeof(int), 10, "0"),
        new("任务数", typeof(int), 8, "0"),
    ];

    /// <summary>考核结果 (地市, 考核年度, 评定结果 合格/不合格/暂缓评定, 考核项数, 未达标项数, 评定理由) and 考核明细 (地市,
    /// 考核项, 污染物或项目, 目标类型, 考核要求, 实际完成, 是否达标, 考核依据, 目标来源, 说明).</summary>
    public static byte[] Results(IReadOnlyList<PrefectureResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Select(r => new object?[]
        {
            r.PrefectureName,
            r.AssessedYear,
            VerdictName(r.Verdict),
            r.Verdict == PrefectureResult.Held ? null : r.Findings.Count,
            r.Verdict == PrefectureResult.Held ? null : r.Findings.Count(f => f.Outcome == FindingOutcomes.ToCode(FindingOutcome.Failed)),
            Reasons(r),
        }).ToList();
        var findings = results.SelectMany(r => r.Findings.Select(f => new object?[]
        {
            r.PrefectureName,
            CriterionName(f.Criterion),
            f.Subject,
            TargetKindOf(f),
            f.Required,
            f.Actual,
            FindingOutcomes.TryParse(f.Outcome, out var outcome) ? FindingOutcomes.DisplayName(outcome) : f.Outcome,
            f.Basis,
            f.TargetSource,
            f.Note,
        })).ToList();
        return ExportWorkbook.Write([new WorkbookSheet(ResultsSheet, ResultColumns, rows), new WorkbookSheet(FindingsSheet, FindingColumns, findings)]);
    }

    /// <summary>年度总览: 单位, 任务, 状态 (as the console's cell reads it), 期限 and 提交时间 in Beijing time, 逾期天数,
    /// 督办级别 (escalation steps sent), 任务数 (the tasks the cell stands for; the latest is shown).</summary>
    public static byte[] Overview(IReadOnlyList<OverviewCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var rows = cells.Select(c => new object?[]
        {
            c.PartyName,
            c.TaskName,
            OverviewText.State(c),
            BeijingTime.ToBeijing(c.Due).DateTime,
            c.SubmittedAt is { } at ? BeijingTime.ToBeijing(at).DateTime : null,
            c.LateBy,
            c.EscalationLevel,
            c.Count,
        }).ToList();
        return ExportWorkbook.Write([new WorkbookSheet(OverviewSheet, OverviewColumns, rows)]);
    }

    /// <summary>合格, 不合格, or 暂缓评定 for a held-back case.</summary>
    public static string VerdictName(string verdict) =>
        verdict == PrefectureResult.Held ? "暂缓评定" : Verdicts.TryParse(verdict, out var v) ? Verdicts.DisplayName(v) : verdict;

    /// <summary>Why: each failed finding as the result notice words it (污染物减排目标（氮氧化物）：实际+0.50%，要求&lt;= 0%),
    /// the fields of a held-back case, or that every item met its requirement.</summary>
    public static string Reasons(PrefectureResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Verdict == PrefectureResult.Held)
        {
            return "考核数据无效，暂缓评定：" + string.Join("；", result.Errors.Select(e => e.Field is null ? e.Message : $"{e.Field}：{e.Message}"));
        }

        var failed = result.Findings.Where(f => f.Outcome == FindingOutcomes.ToCode(FindingOutcome.Failed)).ToList();
        if (failed.Count == 0)
        {
            return result.Findings.Any(f => f.Outcome == FindingOutcomes.ToCode(FindingOutcome.NotApplicable)) ? "各项考核内容均达到要求或不适用" : "各项考核内容均达到要求";
        }

        return string.Join("；", failed.Select(f =>
        {
            var subject = f.Subject is null ? string.Empty : $"（{Pollutant.FindKnown(f.Subject)?.Name ?? f.Subject}）";
            return string.Create(CultureInfo.InvariantCulture, $"{CriterionName(f.Criterion)}{subject}：实际{f.Actual}，要求{f.Required}");
        }));
    }

    /// <summary>The target kind of a pollutant-target finding. The contract has no field for it, but the evaluation
    /// writes every change target's note as “{kind}：…” (较上年变化率：上年…吨，本年…吨) and a cap's requirement in tonnes
    /// with no note; null for other criteria, or when neither holds.</summary>
    public static string? TargetKindOf(ResultFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Criterion != AssessmentCriteria.ToCode(AssessmentCriterion.PollutantTarget))
        {
            return null;
        }

        foreach (var kind in new[] { TargetKind.ChangeVsPreviousYearPercent, TargetKind.ChangeVsBaseYearPercent })
        {
            if (finding.Note is { } note && note.StartsWith(TargetKinds.DisplayName(kind) + "：", StringComparison.Ordinal))
            {
                return TargetKinds.DisplayName(kind);
            }
        }

        return finding.Note is null && finding.Required.EndsWith('吨') ? TargetKinds.DisplayName(TargetKind.CapTonnes) : null;
    }

    private static string CriterionName(string code) => AssessmentCriteria.TryParse(code, out var criterion) ? AssessmentCriteria.DisplayName(criterion) : code;
}
