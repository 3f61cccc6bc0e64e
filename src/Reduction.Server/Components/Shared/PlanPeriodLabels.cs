using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Server.Components.Shared;

/// <summary>The Chinese names of a plan period's confirmable fields (<see cref="PlanPeriod.ConfirmableFields"/>), as
/// the reference-data page lists the values carried over from an earlier period.</summary>
public static class PlanPeriodLabels
{
    public static string Field(PlanPeriod period, string field)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(field);
        switch (field)
        {
            case "baseYear":
                return "基准年";
            case "targetKinds":
                return "目标类型";
            case "measuresTitle":
                return "考核办法名称";
        }

        var parts = field.Split('.');
        if (parts is ["thresholds", var threshold] && Criterion(c => Camel(AssessmentCriteria.ToCode(c)) == threshold) is { } measured)
        {
            return $"{AssessmentCriteria.DisplayName(measured)}门槛值";
        }

        if (parts is ["basis", var code] && AssessmentCriteria.TryParse(code, out var criterion))
        {
            return $"{AssessmentCriteria.DisplayName(criterion)}的考核依据";
        }

        // pollutants.NH3-N.sectors: the code itself may hold no dot, so the middle is all but the ends.
        if (field.StartsWith("pollutants.", StringComparison.Ordinal) && field.EndsWith(".sectors", StringComparison.Ordinal))
        {
            var pollutant = field["pollutants.".Length..^".sectors".Length];
            return $"{period.FindPollutant(pollutant)?.Name ?? pollutant}的排放源构成";
        }

        return field;
    }

    private static AssessmentCriterion? Criterion(Func<AssessmentCriterion, bool> match) =>
        AssessmentCriteria.All.Where(match).Select(c => (AssessmentCriterion?)c).FirstOrDefault();

    private static string Camel(string kebab)
    {
        var words = kebab.Split('-');
        return words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
