using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment;

/// <summary>The verdict on a case with the findings it rests on.</summary>
public sealed record AssessmentResult(AssessmentCase Case, PlanPeriod Period, IReadOnlyList<Finding> Findings)
{
    public Party Prefecture => Case.Prefecture;

    public int Year => Case.Year;

    /// <summary>Fail when any finding failed (一票否决 follows on approval); not-applicable findings do not count.</summary>
    public Verdict Verdict => Findings.Any(f => f.Outcome == FindingOutcome.Failed) ? Verdict.Fail : Verdict.Pass;

    /// <summary>The prefecture's name on 31 December of the assessed year (日喀则地区 until 2013, 日喀则市 from 2014).</summary>
    public string PrefectureNameInYear => Prefecture.NameOn(new DateOnly(Year, 12, 31)).Name;
}
