using Reduction.Domain.PlanPeriods;

namespace Reduction.Server.Answers.Forms;

/// <summary>What a reviewing department may correct after on-site verification: a pollutant's emissions, a
/// monitoring count, or a key project found not running.</summary>
public static class CorrectionItems
{
    public const string PollutantPrefix = "pollutant:";
    public const string ProjectNotRunning = "keyProject:notRunning";

    public static IReadOnlyList<(string Code, string Label)> For(PlanPeriod period) =>
    [
        .. period.Pollutants.Select(p => (PollutantPrefix + p.Code, $"{p.Name}（{p.Code}）排放量（吨）")),
        .. AssessmentDataForm.MonitoringFields.Select(f => (f.Path, f.Label)),
        (ProjectNotRunning, "重点项目核查未运行（数值栏填项目名称）"),
    ];
}
