using System.Globalization;
using Reduction.Cli.Workflows;
using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Cli.PlanPeriods;

/// <summary>The periods as a text table, then each period's basis and the fields carried over for confirmation.</summary>
internal static class PlanPeriodTableWriter
{
    private static readonly string[] Headers = ["标识", "名称", "年份", "基准年", "污染物", "目标类型", "监控阈值（传输有效率/自行监测/监督性监测）", "待确认"];

    public static void Write(TextWriter output, IReadOnlyList<PlanPeriod> periods)
    {
        TextTable.Write(output, Headers, periods.Select(p => (IReadOnlyList<string>)
        [
            p.Id,
            p.Name,
            string.Create(CultureInfo.InvariantCulture, $"{p.FirstYear}-{p.LastYear}"),
            p.BaseYear.ToString(CultureInfo.InvariantCulture),
            string.Join("、", p.Pollutants.Select(x => $"{x.Name}（{x.Code}）")),
            string.Join("、", p.TargetKinds.Select(TargetKinds.ToCode)),
            $"{p.Thresholds.TransmissionEffectiveRate} / {p.Thresholds.SelfMonitoringPublicationRate} / {p.Thresholds.SupervisoryMonitoringPublicationRate}",
            p.Unconfirmed.Count == 0 ? "无" : string.Create(CultureInfo.InvariantCulture, $"{p.Unconfirmed.Count} 项（沿用 {p.CarriedOverFrom}）"),
        ]));
        foreach (var period in periods)
        {
            output.WriteLine();
            output.WriteLine($"{period.Id} {period.Name}");
            output.WriteLine($"  考核办法：{period.MeasuresTitle}");
            foreach (var criterion in AssessmentCriteria.All)
            {
                output.WriteLine($"  依据 {AssessmentCriteria.DisplayName(criterion)}：{period.BasisOf(criterion)}");
            }

            foreach (var pollutant in period.Pollutants)
            {
                output.WriteLine($"  {pollutant.Name}（{pollutant.Code}）排放量 = {string.Join(" + ", period.SectorsOf(pollutant).Select(EmissionSectors.Label))}");
            }

            if (period.Unconfirmed.Count > 0)
            {
                output.WriteLine($"  待确认（沿用 {period.CarriedOverFrom}，请管理员核实后重新导入） / carried over, to confirm: {string.Join(", ", period.Unconfirmed)}");
            }
        }
    }
}
