using System.Globalization;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment;

/// <summary>The monitoring-system counts of the year; rates are derived from them, never stored.</summary>
public sealed record MonitoringCounts(
    TransmissionCounts Transmission,
    PublicationCounts SelfMonitoringPublication,
    PublicationCounts SupervisoryMonitoringPublication)
{
    internal IEnumerable<AssessmentCaseError> Validate(string field)
    {
        var transmission = $"{field}.transmission";
        foreach (var (name, count) in new[] { ("due", Transmission.Due), ("received", Transmission.Received), ("valid", Transmission.Valid) })
        {
            if (count < 0)
            {
                yield return Negative($"{transmission}.{name}", count);
            }
        }

        if (Transmission.Valid > Transmission.Received)
        {
            yield return new AssessmentCaseError(
                $"{transmission}.valid",
                $"有效记录数（{Transmission.Valid}）不能大于接收记录数（{Transmission.Received}）",
                $"valid ({Transmission.Valid}) must not exceed received ({Transmission.Received})");
        }

        if (Transmission.Received > Transmission.Due)
        {
            yield return new AssessmentCaseError(
                $"{transmission}.received",
                $"接收记录数（{Transmission.Received}）不能大于应传输记录数（{Transmission.Due}）",
                $"received ({Transmission.Received}) must not exceed due ({Transmission.Due})");
        }

        foreach (var (name, counts) in new[] { ("selfMonitoringPublication", SelfMonitoringPublication), ("supervisoryMonitoringPublication", SupervisoryMonitoringPublication) })
        {
            if (counts.Published < 0)
            {
                yield return Negative($"{field}.{name}.published", counts.Published);
            }

            if (counts.Required < 0)
            {
                yield return Negative($"{field}.{name}.required", counts.Required);
            }

            if (counts.Published > counts.Required)
            {
                yield return new AssessmentCaseError(
                    $"{field}.{name}.published",
                    $"已公布企业数（{counts.Published}）不能大于应公布企业数（{counts.Required}）",
                    $"published ({counts.Published}) must not exceed required ({counts.Required})");
            }
        }
    }

    /// <summary>The three indicators in reporting order; assumes <see cref="Validate"/> found nothing.</summary>
    internal IEnumerable<Finding> Evaluate(PlanPeriod period)
    {
        var thresholds = period.Thresholds;
        yield return Indicator(
            AssessmentCriterion.TransmissionEffectiveRate, Transmission.EffectiveRate, thresholds.TransmissionEffectiveRate, period, "无应传输的自动监控数据");
        yield return Indicator(
            AssessmentCriterion.SelfMonitoringPublicationRate, SelfMonitoringPublication.Rate, thresholds.SelfMonitoringPublicationRate, period, "无应公布自行监测结果的企业");
        yield return Indicator(
            AssessmentCriterion.SupervisoryMonitoringPublicationRate,
            SupervisoryMonitoringPublication.Rate,
            thresholds.SupervisoryMonitoringPublicationRate,
            period,
            "无开展监督性监测的企业");
    }

    private static Finding Indicator(AssessmentCriterion criterion, Rate actual, Rate threshold, PlanPeriod period, string noneNote)
    {
        var limit = Rational.FromRate(threshold).Multiply(100);
        var required = ">= " + Readable.Percent(limit);
        var basis = period.BasisOf(criterion);
        if (!actual.IsDefined)
        {
            // No such enterprise: nothing to measure, which is not the same as 0%.
            return new Finding(criterion, null, "不适用", required, FindingOutcome.NotApplicable, basis)
            {
                ActualExact = actual.ToString(),
                RequiredExact = threshold.ToString(),
                Note = noneNote + "，分母为0",
            };
        }

        return new Finding(
            criterion,
            null,
            Readable.PercentAgainst(Rational.FromRate(actual).Multiply(100), limit, signed: false),
            required,
            actual.IsAtLeast(threshold) ? FindingOutcome.Passed : FindingOutcome.Failed,
            basis)
        {
            ActualExact = actual.ToString(),
            RequiredExact = threshold.ToString(),
        };
    }

    private static AssessmentCaseError Negative(string field, long count) =>
        new(
            field,
            string.Create(CultureInfo.InvariantCulture, $"数量不能为负数：{count}"),
            string.Create(CultureInfo.InvariantCulture, $"a count must not be negative: {count}"));
}
