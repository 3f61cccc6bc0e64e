using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment;

/// <summary>
/// What a prefecture reports and verification confirms for one year: emissions against targets, the key projects
/// of its responsibility letter and the monitoring counts. <see cref="Evaluate"/> applies DOMAIN section 4.
/// </summary>
public sealed record AssessmentCase(
    Party Prefecture,
    int Year,
    IReadOnlyList<PollutantFigures> Pollutants,
    IReadOnlyList<KeyProject> KeyProjects,
    MonitoringCounts Monitoring)
{
    /// <summary>Every reason the case cannot be assessed under <paramref name="period"/>; empty when it can.</summary>
    public IReadOnlyList<AssessmentCaseError> Validate(PlanPeriod period)
    {
        var errors = new List<AssessmentCaseError>();
        if (Prefecture.Role != PartyRole.Prefecture)
        {
            errors.Add(new AssessmentCaseError(
                "prefecture",
                $"“{Prefecture.CurrentName.Name}”不是地市级单位",
                $"'{Prefecture.Id}' is not a prefecture-level unit"));
        }

        if (!period.Covers(Year))
        {
            errors.Add(new AssessmentCaseError(
                "year",
                $"{Year}年不在{period.Name}规划期（{period.FirstYear}-{period.LastYear}年）内",
                $"year {Year} is not in plan period {period.Id} ({period.FirstYear}-{period.LastYear})"));
        }

        ValidatePollutants(period, errors);
        var projectNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < KeyProjects.Count; i++)
        {
            var field = $"keyProjects[{i}]";
            errors.AddRange(KeyProjects[i].Validate(field));
            if (!string.IsNullOrWhiteSpace(KeyProjects[i].Name) && !projectNames.Add(KeyProjects[i].Name.Trim()))
            {
                errors.Add(new AssessmentCaseError(
                    $"{field}.name",
                    $"重点项目“{KeyProjects[i].Name}”重复",
                    $"duplicate key project '{KeyProjects[i].Name}'"));
            }
        }

        errors.AddRange(Monitoring.Validate("monitoring"));
        return errors;
    }

    /// <summary>
    /// Fails when any criterion fails; not-applicable findings never fail. Findings come one per pollutant
    /// (in the period's order), per key project (in case order) and per monitoring indicator.
    /// </summary>
    /// <exception cref="InvalidAssessmentCaseException"><see cref="Validate"/> found errors.</exception>
    public AssessmentResult Evaluate(PlanPeriod period)
    {
        var errors = Validate(period);
        if (errors.Count > 0)
        {
            throw new InvalidAssessmentCaseException(errors);
        }

        var findings = new List<Finding>();
        foreach (var pollutant in period.Pollutants)
        {
            findings.Add(Pollutants.Single(p => period.FindPollutant(p.Code) == pollutant).Evaluate(period));
        }

        var projectBasis = period.BasisOf(AssessmentCriterion.KeyProject);
        findings.AddRange(KeyProjects.Select(p => p.Evaluate(Year, projectBasis)));
        findings.AddRange(Monitoring.Evaluate(period));
        return new AssessmentResult(this, period, findings);
    }

    private void ValidatePollutants(PlanPeriod period, List<AssessmentCaseError> errors)
    {
        var seen = new HashSet<Pollutant>();
        for (var i = 0; i < Pollutants.Count; i++)
        {
            var field = $"pollutants[{i}]";
            errors.AddRange(Pollutants[i].Validate(period, field));
            if (period.FindPollutant(Pollutants[i].Code) is { } pollutant && !seen.Add(pollutant))
            {
                errors.Add(new AssessmentCaseError(
                    $"{field}.code",
                    $"污染物“{pollutant.Code}”重复",
                    $"duplicate pollutant '{pollutant.Code}'"));
            }
        }

        foreach (var missing in period.Pollutants.Where(p => !seen.Contains(p)))
        {
            errors.Add(new AssessmentCaseError(
                "pollutants",
                $"缺少污染物“{missing.Code}”（{missing.Name}）",
                $"pollutant '{missing.Code}' is missing"));
        }
    }
}
