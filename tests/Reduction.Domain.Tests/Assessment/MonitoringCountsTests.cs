using Reduction.Domain.Assessment;

namespace Reduction.Domain.Tests.Assessment;

public class MonitoringCountsTests
{
    private static AssessmentResult Evaluate(TransmissionCounts transmission, PublicationCounts self, PublicationCounts supervisory) =>
        (AssessmentCases.Passing() with { Monitoring = new MonitoringCounts(transmission, self, supervisory) })
            .Evaluate(AssessmentCases.TwelfthPlan);

    private static AssessmentResult EvaluateTransmission(long due, long valid) =>
        Evaluate(new TransmissionCounts(due, due, valid), new PublicationCounts(1, 1), new PublicationCounts(1, 1));

    private static AssessmentResult EvaluateSelf(long published, long required) =>
        Evaluate(new TransmissionCounts(1, 1, 1), new PublicationCounts(published, required), new PublicationCounts(1, 1));

    private static AssessmentResult EvaluateSupervisory(long published, long required) =>
        Evaluate(new TransmissionCounts(1, 1, 1), new PublicationCounts(1, 1), new PublicationCounts(published, required));

    [Fact]
    public void Evaluate_TransmissionExactlySeventyFivePercent_Passes()
    {
        var finding = EvaluateTransmission(10000, 7500).FindingFor(AssessmentCriterion.TransmissionEffectiveRate);

        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("75.00%", finding.Actual);
        Assert.Equal(">= 75%", finding.Required);
        Assert.Equal("7500/10000", finding.ActualExact);
        Assert.Equal("75/100", finding.RequiredExact);
        Assert.Null(finding.Subject);
    }

    [Fact]
    public void Evaluate_TransmissionSeventyFourPointNineNine_Fails()
    {
        var result = EvaluateTransmission(10000, 7499);

        var finding = result.FindingFor(AssessmentCriterion.TransmissionEffectiveRate);
        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("74.99%", finding.Actual);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Evaluate_TransmissionRoundingUpToThreshold_ShowsTheDigitsBelow()
    {
        var finding = EvaluateTransmission(100000, 74999).FindingFor(AssessmentCriterion.TransmissionEffectiveRate);

        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("74.999%", finding.Actual);
    }

    [Fact]
    public void Evaluate_TransmissionRate_IsValidOverDueNotOverReceived()
    {
        var result = Evaluate(new TransmissionCounts(10000, 8000, 7499), new PublicationCounts(1, 1), new PublicationCounts(1, 1));

        Assert.Equal(FindingOutcome.Failed, result.FindingFor(AssessmentCriterion.TransmissionEffectiveRate).Outcome);
    }

    [Fact]
    public void Evaluate_NothingDue_TransmissionIsNotApplicable()
    {
        var result = Evaluate(new TransmissionCounts(0, 0, 0), new PublicationCounts(1, 1), new PublicationCounts(1, 1));

        var finding = result.FindingFor(AssessmentCriterion.TransmissionEffectiveRate);
        Assert.Equal(FindingOutcome.NotApplicable, finding.Outcome);
        Assert.Equal("不适用", finding.Actual);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Theory]
    [InlineData(8000, 10000, FindingOutcome.Passed)]
    [InlineData(7999, 10000, FindingOutcome.Failed)]
    [InlineData(4, 5, FindingOutcome.Passed)]
    [InlineData(3, 4, FindingOutcome.Failed)]
    public void Evaluate_SelfMonitoringAroundEightyPercent_ComparesExactly(long published, long required, FindingOutcome outcome)
    {
        Assert.Equal(outcome, EvaluateSelf(published, required).FindingFor(AssessmentCriterion.SelfMonitoringPublicationRate).Outcome);
    }

    [Fact]
    public void Evaluate_SelfMonitoringSeventyNinePointNineNine_ShowsBelowThreshold()
    {
        var finding = EvaluateSelf(7999, 10000).FindingFor(AssessmentCriterion.SelfMonitoringPublicationRate);

        Assert.Equal("79.99%", finding.Actual);
        Assert.Equal(">= 80%", finding.Required);
    }

    [Fact]
    public void Evaluate_NoEnterpriseRequiredToPublish_SelfMonitoringIsNotApplicable()
    {
        var result = EvaluateSelf(0, 0);

        Assert.Equal(FindingOutcome.NotApplicable, result.FindingFor(AssessmentCriterion.SelfMonitoringPublicationRate).Outcome);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Theory]
    [InlineData(9500, 10000, FindingOutcome.Passed)]
    [InlineData(9499, 10000, FindingOutcome.Failed)]
    [InlineData(19, 20, FindingOutcome.Passed)]
    [InlineData(18, 19, FindingOutcome.Failed)]
    public void Evaluate_SupervisoryAroundNinetyFivePercent_ComparesExactly(long published, long required, FindingOutcome outcome)
    {
        Assert.Equal(outcome, EvaluateSupervisory(published, required).FindingFor(AssessmentCriterion.SupervisoryMonitoringPublicationRate).Outcome);
    }

    [Fact]
    public void Evaluate_SupervisoryNinetyFourPointNineNine_Fails()
    {
        var result = EvaluateSupervisory(9499, 10000);

        Assert.Equal("94.99%", result.FindingFor(AssessmentCriterion.SupervisoryMonitoringPublicationRate).Actual);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Evaluate_NoEnterpriseMonitored_SupervisoryIsNotApplicable()
    {
        var result = EvaluateSupervisory(0, 0);

        Assert.Equal(FindingOutcome.NotApplicable, result.FindingFor(AssessmentCriterion.SupervisoryMonitoringPublicationRate).Outcome);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }
}
