using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.Assessment;

public class PollutantFiguresTests
{
    private static Finding Evaluate(PollutantFigures figures) =>
        AssessmentCases.WithPollutant(figures).Evaluate(AssessmentCases.TwelfthPlan)
            .FindingFor(AssessmentCriterion.PollutantTarget, figures.Code);

    private static PollutantFigures Change(string code, decimal previous, decimal actual, decimal percent) =>
        new(code, actual, new PollutantTarget(TargetKind.ChangeVsPreviousYearPercent, percent), PreviousTonnes: previous);

    [Fact]
    public void Evaluate_CapExactlyMet_Passes()
    {
        var finding = Evaluate(new PollutantFigures("NH3-N", 950m, new PollutantTarget(TargetKind.CapTonnes, 950m)));

        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("950吨", finding.Actual);
        Assert.Equal("<= 950吨", finding.Required);
    }

    [Fact]
    public void Evaluate_CapExceededByOneGram_Fails()
    {
        var finding = Evaluate(new PollutantFigures("NH3-N", 950.000001m, new PollutantTarget(TargetKind.CapTonnes, 950m)));

        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("950.000001吨", finding.Actual);
    }

    [Fact]
    public void Evaluate_ZeroGrowthExactlyZero_Passes()
    {
        var finding = Evaluate(Change("NOx", 7000m, 7000m, 0m));

        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("0.00%", finding.Actual);
        Assert.Equal("<= 0%", finding.Required);
    }

    [Fact]
    public void Evaluate_ZeroGrowthUpByOneThousandthPercent_FailsAndShowsTheDigits()
    {
        var finding = Evaluate(Change("NOx", 10000m, 10000.1m, 0m));

        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("+0.001%", finding.Actual);
        Assert.Equal("1/100000", finding.ActualExact);
    }

    [Fact]
    public void Evaluate_CutExactlyTheRequiredPointSixPercent_Passes()
    {
        var finding = Evaluate(Change("COD", 10000m, 9940m, -0.6m));

        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("-0.60%", finding.Actual);
        Assert.Equal("<= -0.6%", finding.Required);
        Assert.Equal("-3/500", finding.RequiredExact);
    }

    [Fact]
    public void Evaluate_CutJustShortOfPointSixPercent_FailsAndShowsTheDigits()
    {
        var finding = Evaluate(Change("COD", 10000m, 9940.001m, -0.6m));

        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("-0.59999%", finding.Actual);
    }

    [Fact]
    public void Evaluate_ContractExample_ShowsRoundedChange()
    {
        var finding = Evaluate(Change("COD", 10234.5m, 10150.0m, -0.6m));

        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("-0.83%", finding.Actual);
        Assert.Equal("-169/20469", finding.ActualExact);
    }

    [Fact]
    public void Evaluate_DifferenceBeyondDecimalPrecision_ComparesExactly()
    {
        // T x P = -1e-25 x (1 + 1e-27) needs 53 decimal places: decimal arithmetic would round it to -1e-25 and pass.
        var finding = Evaluate(Change("COD", 1.000000000000000000000000001m, 1m, -0.0000000000000000000000001m));

        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
    }

    [Theory]
    [InlineData("4850", "Passed")]
    [InlineData("4849.99", "Passed")]
    [InlineData("4850.01", "Failed")]
    public void Evaluate_BaseYearTarget_ComparesWithBaseYearTonnes(string actual, string outcome)
    {
        var figures = new PollutantFigures(
            "SO2", decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), new PollutantTarget(TargetKind.ChangeVsBaseYearPercent, -3m), PreviousTonnes: 1m, BaseYearTonnes: 5000m);

        var finding = Evaluate(figures);

        Assert.Equal(Enum.Parse<FindingOutcome>(outcome), finding.Outcome);
        Assert.Contains("2010年（基准年）5000吨", finding.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PositiveLimit_ShowsSigns()
    {
        var finding = Evaluate(new PollutantFigures("NOx", 1250m, new PollutantTarget(TargetKind.ChangeVsBaseYearPercent, 5m), BaseYearTonnes: 1200m));

        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("+4.17%", finding.Actual);
        Assert.Equal("<= +5%", finding.Required);
    }

    [Fact]
    public void Evaluate_AnyFinding_CitesArticleSixItemOne()
    {
        var finding = Evaluate(Change("COD", 10000m, 9000m, -0.6m));

        Assert.Equal("《“十二五”主要污染物总量减排考核办法》第六条第（一）项", finding.Basis);
    }
}
