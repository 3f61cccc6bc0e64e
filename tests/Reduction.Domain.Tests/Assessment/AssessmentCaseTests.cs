using Reduction.Domain.Assessment;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.Assessment;

public class AssessmentCaseTests
{
    [Fact]
    public void Evaluate_EveryCriterionMet_PassesWithOneFindingEach()
    {
        var result = AssessmentCases.Passing().Evaluate(AssessmentCases.TwelfthPlan);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(
            [
                (AssessmentCriterion.PollutantTarget, "COD"),
                (AssessmentCriterion.PollutantTarget, "NH3-N"),
                (AssessmentCriterion.PollutantTarget, "SO2"),
                (AssessmentCriterion.PollutantTarget, "NOx"),
                (AssessmentCriterion.KeyProject, "拉萨市污水处理厂二期"),
                (AssessmentCriterion.TransmissionEffectiveRate, null),
                (AssessmentCriterion.SelfMonitoringPublicationRate, null),
                (AssessmentCriterion.SupervisoryMonitoringPublicationRate, null),
            ],
            result.Findings.Select(f => (f.Criterion, f.Subject)));
        Assert.All(result.Findings, f => Assert.Equal(FindingOutcome.Passed, f.Outcome));
    }

    [Fact]
    public void Evaluate_PollutantsInAnyOrder_FindingsFollowThePeriodOrder()
    {
        var passing = AssessmentCases.Passing();
        var reversed = passing with { Pollutants = passing.Pollutants.Reverse().ToArray() };

        var result = reversed.Evaluate(AssessmentCases.TwelfthPlan);

        Assert.Equal(["COD", "NH3-N", "SO2", "NOx"], result.Findings.Take(4).Select(f => f.Subject));
    }

    [Fact]
    public void Evaluate_LowerCaseCode_ReportsCanonicalCode()
    {
        var figures = new PollutantFigures("cod", 1m, new PollutantTarget(TargetKind.CapTonnes, 2m));
        var passing = AssessmentCases.Passing();
        var result = (passing with { Pollutants = [figures, .. passing.Pollutants.Skip(1)] }).Evaluate(AssessmentCases.TwelfthPlan);

        Assert.Equal("COD", result.Findings[0].Subject);
    }

    [Fact]
    public void Evaluate_OneCriterionFails_TheYearFails()
    {
        var failing = AssessmentCases.WithPollutant(new PollutantFigures("SO2", 2101m, new PollutantTarget(TargetKind.CapTonnes, 2100m)));

        var result = failing.Evaluate(AssessmentCases.TwelfthPlan);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Single(result.Findings, f => f.Outcome == FindingOutcome.Failed);
    }

    [Fact]
    public void Evaluate_OnlyNotApplicableBesidesPasses_ThePrefecturePasses()
    {
        var result = (AssessmentCases.Passing() with
        {
            KeyProjects = [new KeyProject("明年项目", new DateOnly(2015, 6, 30), KeyProjectStatus.NotStarted)],
            Monitoring = new MonitoringCounts(new TransmissionCounts(0, 0, 0), new PublicationCounts(0, 0), new PublicationCounts(0, 0)),
        }).Evaluate(AssessmentCases.TwelfthPlan);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(4, result.Findings.Count(f => f.Outcome == FindingOutcome.NotApplicable));
    }

    [Fact]
    public void Evaluate_NoKeyProjects_HasNoProjectFindings()
    {
        var result = AssessmentCases.WithProjects().Evaluate(AssessmentCases.TwelfthPlan);

        Assert.DoesNotContain(result.Findings, f => f.Criterion == AssessmentCriterion.KeyProject);
        Assert.Equal(7, result.Findings.Count);
    }

    [Fact]
    public void Evaluate_InvalidCase_ThrowsWithTheErrors()
    {
        var invalid = AssessmentCases.WithPollutant(new PollutantFigures("COD", -1m, new PollutantTarget(TargetKind.CapTonnes, 1m)));

        var exception = Assert.Throws<InvalidAssessmentCaseException>(() => invalid.Evaluate(AssessmentCases.TwelfthPlan));

        Assert.Equal("pollutants[0].actualTonnes", Assert.Single(exception.Errors).Field);
    }

    [Theory]
    [InlineData("日喀则地区", 2013, "日喀则地区")]
    [InlineData("日喀则地区", 2014, "日喀则市")]
    [InlineData("日喀则市", 2012, "日喀则地区")]
    public void Evaluate_RenamedPrefecture_IsOneParty(string name, int year, string nameInYear)
    {
        var result = AssessmentCases.Passing(name, year).Evaluate(AssessmentCases.TwelfthPlan);

        Assert.Equal("shigatse", result.Prefecture.Id);
        Assert.Equal(nameInYear, result.PrefectureNameInYear);
    }

    [Fact]
    public void Evaluate_OtherPlanPeriod_UsesItsThresholds()
    {
        var stricter = new PlanPeriod(
            "test",
            "测试",
            2011,
            2015,
            2010,
            AssessmentCases.TwelfthPlan.Pollutants,
            AssessmentCases.TwelfthPlan.TargetKinds,
            new MonitoringThresholds(new Rate(90, 100), new Rate(80, 100), new Rate(95, 100)),
            AssessmentCriteria.All.ToDictionary(c => c, c => "测试依据"),
            "《测试考核办法》");

        var result = AssessmentCases.Passing().Evaluate(stricter);

        Assert.Equal(FindingOutcome.Failed, result.FindingFor(AssessmentCriterion.TransmissionEffectiveRate).Outcome);
        Assert.Equal(">= 90%", result.FindingFor(AssessmentCriterion.TransmissionEffectiveRate).Required);
        Assert.All(result.Findings, f => Assert.Equal("测试依据", f.Basis));
    }

    [Fact]
    public void Validate_PartyIsNotAPrefecture_NamesPrefecture()
    {
        var invalid = AssessmentCases.Passing() with { Prefecture = PartyDirectory.LoadDefault().GetById("epb") };

        var error = Assert.Single(invalid.Validate(AssessmentCases.TwelfthPlan));

        Assert.Equal("prefecture", error.Field);
        Assert.Contains("不是地市级单位", error.Message, StringComparison.Ordinal);
    }
}
