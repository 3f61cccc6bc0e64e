namespace Reduction.Domain.Assessment;

/// <summary>Stable wire codes of <see cref="AssessmentCriterion"/>: `pollutant-target`, `key-project`,
/// `transmission-effective-rate`, `self-monitoring-publication-rate`, `supervisory-monitoring-publication-rate`.</summary>
public static class AssessmentCriteria
{
    private static readonly CodeTable<AssessmentCriterion> Table = new(
        (AssessmentCriterion.PollutantTarget, "pollutant-target", "污染物减排目标"),
        (AssessmentCriterion.KeyProject, "key-project", "重点减排项目"),
        (AssessmentCriterion.TransmissionEffectiveRate, "transmission-effective-rate", "自动监控数据传输有效率"),
        (AssessmentCriterion.SelfMonitoringPublicationRate, "self-monitoring-publication-rate", "自行监测结果公布率"),
        (AssessmentCriterion.SupervisoryMonitoringPublicationRate, "supervisory-monitoring-publication-rate", "监督性监测结果公布率"));

    public static IReadOnlyList<string> AllCodes => Table.AllCodes;

    public static IReadOnlyList<AssessmentCriterion> All { get; } = Enum.GetValues<AssessmentCriterion>();

    public static string ToCode(AssessmentCriterion criterion) => Table.ToCode(criterion);

    /// <summary>zh-CN name of the criterion (考核项).</summary>
    public static string DisplayName(AssessmentCriterion criterion) => Table.DisplayName(criterion);

    public static bool TryParse(string? code, out AssessmentCriterion criterion) => Table.TryParse(code, out criterion);
}
