using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment;

/// <summary>
/// A pollutant's emissions for the assessed year with its target. <see cref="PreviousTonnes"/> and
/// <see cref="BaseYearTonnes"/> are needed only by the change targets that refer to them.
/// </summary>
public sealed record PollutantFigures(
    string Code,
    decimal ActualTonnes,
    PollutantTarget Target,
    decimal? PreviousTonnes = null,
    decimal? BaseYearTonnes = null)
{
    /// <summary>The tonnes a change target compares with, or null for a cap.</summary>
    public decimal? ReferenceTonnes => Target.Kind switch
    {
        TargetKind.ChangeVsPreviousYearPercent => PreviousTonnes,
        TargetKind.ChangeVsBaseYearPercent => BaseYearTonnes,
        _ => null,
    };

    internal IEnumerable<AssessmentCaseError> Validate(PlanPeriod period, string field)
    {
        if (period.FindPollutant(Code) is null)
        {
            var codes = period.Pollutants.Select(p => p.Code).ToArray();
            yield return new AssessmentCaseError(
                $"{field}.code",
                $"未知的污染物“{Code}”，{period.Name}规划期考核：{string.Join("、", codes)}",
                $"unknown pollutant '{Code}'; plan period {period.Id} assesses {string.Join(", ", codes)}");
        }

        foreach (var (name, tonnes) in new[] { ("actualTonnes", (decimal?)ActualTonnes), ("previousTonnes", PreviousTonnes), ("baseYearTonnes", BaseYearTonnes) })
        {
            if (tonnes < 0)
            {
                yield return new AssessmentCaseError(
                    $"{field}.{name}",
                    $"排放量不能为负数：{Readable.Number(tonnes.Value)}",
                    $"tonnes must not be negative: {Readable.Number(tonnes.Value)}");
            }
        }

        var kindCode = TargetKinds.ToCode(Target.Kind);
        if (!period.Allows(Target.Kind))
        {
            var allowed = period.TargetKinds.Select(TargetKinds.ToCode).ToArray();
            yield return new AssessmentCaseError(
                $"{field}.target.kind",
                $"{period.Name}规划期不使用目标类型“{kindCode}”，可用：{string.Join("、", allowed)}",
                $"plan period {period.Id} does not use target kind '{kindCode}'; expected one of: {string.Join(", ", allowed)}");
        }

        if (Target.Kind == TargetKind.CapTonnes && Target.Value < 0)
        {
            yield return new AssessmentCaseError(
                $"{field}.target.value",
                $"排放上限不能为负数：{Readable.Number(Target.Value)}",
                $"a cap must not be negative: {Readable.Number(Target.Value)}");
        }

        var (referenceField, referenceName) = Target.Kind switch
        {
            TargetKind.ChangeVsPreviousYearPercent => ("previousTonnes", "上年排放量"),
            TargetKind.ChangeVsBaseYearPercent => ("baseYearTonnes", $"{period.BaseYear}年（基准年）排放量"),
            _ => (null, null),
        };
        if (referenceField is not null)
        {
            if (ReferenceTonnes is null)
            {
                yield return new AssessmentCaseError(
                    $"{field}.{referenceField}",
                    $"目标类型 {kindCode} 需要{referenceName} {referenceField}",
                    $"target kind {kindCode} needs {referenceField}");
            }
            else if (ReferenceTonnes == 0)
            {
                yield return new AssessmentCaseError(
                    $"{field}.{referenceField}",
                    $"{referenceName}为0，无法计算变化率",
                    $"{referenceField} is 0, so the change in percent is undefined");
            }
        }
    }

    /// <summary>Assumes <see cref="Validate"/> found nothing.</summary>
    internal Finding Evaluate(PlanPeriod period)
    {
        var subject = period.FindPollutant(Code)!.Code;
        var basis = period.BasisOf(AssessmentCriterion.PollutantTarget);
        if (Target.Kind == TargetKind.CapTonnes)
        {
            return new Finding(
                AssessmentCriterion.PollutantTarget,
                subject,
                Readable.Tonnes(ActualTonnes),
                "<= " + Readable.Tonnes(Target.Value),
                ActualTonnes <= Target.Value ? FindingOutcome.Passed : FindingOutcome.Failed,
                basis)
            {
                ActualExact = Readable.Number(ActualTonnes),
                RequiredExact = Readable.Number(Target.Value),
            };
        }

        // (E - R) / R x 100 <= T, compared exactly: the same as (E - R) x 100 <= T x R since R > 0.
        var reference = ReferenceTonnes!.Value;
        var change = Rational.FromDecimal(ActualTonnes).Subtract(Rational.FromDecimal(reference)).Divide(Rational.FromDecimal(reference));
        var percent = change.Multiply(100);
        var limit = Rational.FromDecimal(Target.Value);
        var referenceText = Target.Kind == TargetKind.ChangeVsBaseYearPercent ? $"{period.BaseYear}年（基准年）" : "上年";
        return new Finding(
            AssessmentCriterion.PollutantTarget,
            subject,
            Readable.PercentAgainst(percent, limit, signed: true),
            "<= " + Readable.Percent(limit, signed: true),
            percent.CompareTo(limit) <= 0 ? FindingOutcome.Passed : FindingOutcome.Failed,
            basis)
        {
            ActualExact = change.ToFractionString(),
            RequiredExact = limit.Divide(new Rational(100, 1)).ToFractionString(),
            Note = $"{TargetKinds.DisplayName(Target.Kind)}：{referenceText}{Readable.Tonnes(reference)}，本年{Readable.Tonnes(ActualTonnes)}",
        };
    }
}
