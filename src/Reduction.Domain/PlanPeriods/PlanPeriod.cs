using Reduction.Domain.Assessment;

namespace Reduction.Domain.PlanPeriods;

/// <summary>
/// A five-year plan period as configured: the pollutants assessed, the target kinds letters may use, the
/// monitoring thresholds and the article each criterion rests on. Later periods change all of these.
/// </summary>
public sealed class PlanPeriod
{
    private readonly Dictionary<AssessmentCriterion, string> _basis;

    public PlanPeriod(
        string id,
        string name,
        int firstYear,
        int lastYear,
        int baseYear,
        IReadOnlyList<Pollutant> pollutants,
        IReadOnlyList<TargetKind> targetKinds,
        MonitoringThresholds thresholds,
        IReadOnlyDictionary<AssessmentCriterion, string> basis)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (firstYear > lastYear || baseYear >= firstYear)
        {
            throw new ArgumentException(
                $"规划期“{id}”的年份无效：基准年{baseYear}，{firstYear}-{lastYear} / plan period '{id}': invalid years (base {baseYear}, {firstYear}-{lastYear})");
        }

        if (pollutants.Count == 0 || pollutants.DistinctBy(p => p.Code, StringComparer.OrdinalIgnoreCase).Count() != pollutants.Count)
        {
            throw new ArgumentException(
                $"规划期“{id}”的污染物为空或重复 / plan period '{id}': pollutants empty or duplicated", nameof(pollutants));
        }

        if (targetKinds.Count == 0)
        {
            throw new ArgumentException($"规划期“{id}”没有目标类型 / plan period '{id}' has no target kinds", nameof(targetKinds));
        }

        var missingBasis = AssessmentCriteria.All.Where(c => !basis.ContainsKey(c)).Select(AssessmentCriteria.ToCode).ToArray();
        if (missingBasis.Length > 0)
        {
            throw new ArgumentException(
                $"规划期“{id}”缺少考核依据：{string.Join("、", missingBasis)} / plan period '{id}': no basis for {string.Join(", ", missingBasis)}",
                nameof(basis));
        }

        Id = id;
        Name = name;
        FirstYear = firstYear;
        LastYear = lastYear;
        BaseYear = baseYear;
        Pollutants = pollutants.ToArray();
        TargetKinds = targetKinds.Distinct().ToArray();
        Thresholds = thresholds;
        _basis = new Dictionary<AssessmentCriterion, string>(basis);
    }

    /// <summary>Stable identifier, e.g. `12th-five-year-plan`.</summary>
    public string Id { get; }

    /// <summary>zh-CN name, e.g. “十二五”.</summary>
    public string Name { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    /// <summary>The year that change-versus-base-year targets compare with (2010 for the 12th plan).</summary>
    public int BaseYear { get; }

    /// <summary>The pollutants assessed, in reporting order.</summary>
    public IReadOnlyList<Pollutant> Pollutants { get; }

    public IReadOnlyList<TargetKind> TargetKinds { get; }

    public MonitoringThresholds Thresholds { get; }

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>The pollutant with this code; codes match ignoring case (cod is COD).</summary>
    public Pollutant? FindPollutant(string code) =>
        Pollutants.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool Allows(TargetKind kind) => TargetKinds.Contains(kind);

    /// <summary>The article a criterion rests on, cited in every finding.</summary>
    public string BasisOf(AssessmentCriterion criterion) => _basis[criterion];

    public override string ToString() => $"{Name} ({FirstYear}-{LastYear})";
}
