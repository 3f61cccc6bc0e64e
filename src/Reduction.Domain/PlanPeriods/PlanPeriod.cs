using Reduction.Domain.Assessment;

namespace Reduction.Domain.PlanPeriods;

/// <summary>
/// A five-year plan period as configured: the pollutants assessed, the target kinds letters may use, the
/// monitoring thresholds, the article each criterion rests on, the title of the assessment measures notices cite and how
/// each pollutant's emissions are built up.
/// Later periods change all of these. Values the period's own texts do not fix are carried over from an earlier
/// period and listed in <see cref="Unconfirmed"/> until an administrator confirms them.
/// </summary>
public sealed class PlanPeriod
{
    private readonly Dictionary<AssessmentCriterion, string> _basis;
    private readonly Dictionary<Pollutant, IReadOnlyList<string>> _sectors;

    public PlanPeriod(
        string id,
        string name,
        int firstYear,
        int lastYear,
        int baseYear,
        IReadOnlyList<Pollutant> pollutants,
        IReadOnlyList<TargetKind> targetKinds,
        MonitoringThresholds thresholds,
        IReadOnlyDictionary<AssessmentCriterion, string> basis,
        string measuresTitle,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? sectors = null,
        string? carriedOverFrom = null,
        IReadOnlyList<string>? unconfirmed = null)
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

        if (pollutants.FirstOrDefault(p => Pollutant.FindKnown(p.Code) is null) is { } unknown)
        {
            throw new ArgumentException(
                $"规划期“{id}”的污染物“{unknown.Code}”（pollutants.code）未知，可用：{string.Join("、", Pollutant.Known.Select(p => p.Code))} / "
                    + $"plan period '{id}': unknown pollutant '{unknown.Code}' (pollutants.code); expected one of: {string.Join(", ", Pollutant.Known.Select(p => p.Code))}",
                nameof(pollutants));
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

        if (string.IsNullOrWhiteSpace(measuresTitle))
        {
            throw new ArgumentException(
                $"规划期“{id}”缺少考核办法名称（measuresTitle） / plan period '{id}': no measuresTitle", nameof(measuresTitle));
        }

        _sectors = [];
        foreach (var pollutant in pollutants)
        {
            var codes = sectors?.FirstOrDefault(s => string.Equals(s.Key, pollutant.Code, StringComparison.OrdinalIgnoreCase)).Value ?? [EmissionSectors.Total];
            if (codes.Count == 0 || codes.FirstOrDefault(c => !EmissionSectors.IsKnown(c)) is { } bad || codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
            {
                throw new ArgumentException(
                    $"规划期“{id}”的污染物 {pollutant.Code} 的排放源（pollutants.sectors）为空、重复或未知，可用：{string.Join("、", EmissionSectors.AllCodes)} / "
                        + $"plan period '{id}': sectors of {pollutant.Code} (pollutants.sectors) empty, duplicated or unknown; expected: {string.Join(", ", EmissionSectors.AllCodes)}",
                    nameof(sectors));
            }

            _sectors[pollutant] = codes.ToArray();
        }

        var fields = ConfirmableFields(pollutants);
        var unconfirmedFields = (unconfirmed ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (unconfirmedFields.FirstOrDefault(f => !fields.Contains(f, StringComparer.Ordinal)) is { } unknownField)
        {
            throw new ArgumentException(
                $"规划期“{id}”的待确认字段“{unknownField}”（carriedOver.fields）未知 / plan period '{id}': unknown field '{unknownField}' in carriedOver.fields",
                nameof(unconfirmed));
        }

        if (unconfirmedFields.Length > 0 && string.IsNullOrWhiteSpace(carriedOverFrom))
        {
            throw new ArgumentException(
                $"规划期“{id}”有待确认字段但未说明沿用自哪个规划期（carriedOver.from） / plan period '{id}': carriedOver.from is missing",
                nameof(carriedOverFrom));
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
        MeasuresTitle = measuresTitle.Trim();
        CarriedOverFrom = unconfirmedFields.Length > 0 ? carriedOverFrom : null;
        Unconfirmed = unconfirmedFields;
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

    /// <summary>The title of the assessment measures (考核办法名称) that notices of the period's years cite, with its
    /// book-title marks: 《“十二五”主要污染物总量减排考核办法》.</summary>
    public string MeasuresTitle { get; }

    /// <summary>The period whose values were carried over into this one (for example `12th-five-year-plan`); null
    /// when nothing awaits confirmation.</summary>
    public string? CarriedOverFrom { get; }

    /// <summary>Fields carried over from <see cref="CarriedOverFrom"/> that an administrator has yet to confirm, as
    /// paths of the data file: `targetKinds`, `thresholds.transmissionEffectiveRate`, `basis.key-project`,
    /// `measuresTitle`, `pollutants.VOCs.sectors`.</summary>
    public IReadOnlyList<string> Unconfirmed { get; }

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>The pollutant with this code; codes match ignoring case (cod is COD).</summary>
    public Pollutant? FindPollutant(string code) =>
        Pollutants.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool Allows(TargetKind kind) => TargetKinds.Contains(kind);

    /// <summary>The article a criterion rests on, cited in every finding.</summary>
    public string BasisOf(AssessmentCriterion criterion) => _basis[criterion];

    /// <summary>The sectors (<see cref="EmissionSectors"/> codes) whose sum is the pollutant's emissions, in form order.</summary>
    public IReadOnlyList<string> SectorsOf(Pollutant pollutant) => _sectors[pollutant];

    public bool IsUnconfirmed(string field) => Unconfirmed.Contains(field, StringComparer.Ordinal);

    /// <summary>The field paths <see cref="Unconfirmed"/> may name.</summary>
    public static IReadOnlyList<string> ConfirmableFields(IEnumerable<Pollutant> pollutants) =>
    [
        "baseYear",
        "targetKinds",
        "thresholds.transmissionEffectiveRate",
        "thresholds.selfMonitoringPublicationRate",
        "thresholds.supervisoryMonitoringPublicationRate",
        .. AssessmentCriteria.AllCodes.Select(c => "basis." + c),
        "measuresTitle",
        .. pollutants.Select(p => $"pollutants.{p.Code}.sectors"),
    ];

    public override string ToString() => $"{Name} ({FirstYear}-{LastYear})";
}
