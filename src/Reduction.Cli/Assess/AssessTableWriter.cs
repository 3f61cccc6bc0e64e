using System.Globalization;
using System.Text;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;

namespace Reduction.Cli.Assess;

/// <summary>Writes results as plain zh-CN text, one aligned table per case; CJK characters count as two columns.</summary>
internal static class AssessTableWriter
{
    private const string ColumnGap = "  ";

    private static readonly string[] Headers = ["考核项", "对象", "实际值", "要求值", "结果", "说明"];

    public static string Write(IReadOnlyList<(AssessInputCase Input, AssessmentResult Result)> results)
    {
        var text = new StringBuilder();
        foreach (var (input, result) in results)
        {
            WriteCase(text, input, result);
            text.Append('\n');
        }

        var passed = results.Count(r => r.Result.Verdict == Verdict.Pass);
        text.Append(CultureInfo.InvariantCulture, $"共{results.Count}个案例：合格{passed}个，不合格{results.Count - passed}个。\n");
        return text.ToString();
    }

    private static void WriteCase(StringBuilder text, AssessInputCase input, AssessmentResult result)
    {
        var name = input.PrefectureAsWritten == result.PrefectureNameInYear
            ? input.PrefectureAsWritten
            : $"{input.PrefectureAsWritten}（{result.Year}年末名称：{result.PrefectureNameInYear}）";
        var period = result.Period;
        text.Append(CultureInfo.InvariantCulture, $"{name} {result.Year}年度考核结果：{Verdicts.DisplayName(result.Verdict)}\n");
        text.Append(CultureInfo.InvariantCulture, $"规划期：{period.Name}（{period.FirstYear}-{period.LastYear}年）\n\n");

        var rows = result.Findings
            .Select(f => new[]
            {
                AssessmentCriteria.DisplayName(f.Criterion),
                f.Subject ?? "—",
                f.Actual,
                f.Required,
                FindingOutcomes.DisplayName(f.Outcome),
                f.Note ?? string.Empty,
            })
            .ToList();
        var widths = Enumerable.Range(0, Headers.Length)
            .Select(column => rows.Select(row => Width(row[column])).Append(Width(Headers[column])).Max())
            .ToArray();
        AppendRow(text, Headers, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        text.Append("\n依据：\n");
        foreach (var criterion in result.Findings.Select(f => f.Criterion).Distinct())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {AssessmentCriteria.DisplayName(criterion)}：{period.BasisOf(criterion)}\n");
        }
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Length - 1)
            {
                line.Append(' ', widths[i] - Width(cells[i])).Append(ColumnGap);
            }
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    /// <summary>Columns a monospace terminal gives the text: East Asian wide and full-width characters take two.</summary>
    private static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int codePoint) => codePoint is
        (>= 0x1100 and <= 0x115F) or
        (>= 0x2E80 and <= 0xA4CF) or
        (>= 0xAC00 and <= 0xD7A3) or
        (>= 0xF900 and <= 0xFAFF) or
        (>= 0xFE30 and <= 0xFE4F) or
        (>= 0xFF00 and <= 0xFF60) or
        (>= 0xFFE0 and <= 0xFFE6) or
        (>= 0x20000 and <= 0x3FFFD);
}
