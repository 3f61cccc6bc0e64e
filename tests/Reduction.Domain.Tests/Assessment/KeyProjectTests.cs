using Reduction.Domain.Assessment;

namespace Reduction.Domain.Tests.Assessment;

public class KeyProjectTests
{
    private static readonly DateOnly DueDate = new(2014, 6, 30);

    private static AssessmentResult Evaluate(params KeyProject[] projects) =>
        AssessmentCases.WithProjects(projects).Evaluate(AssessmentCases.TwelfthPlan);

    [Theory]
    [InlineData(KeyProjectStatus.Completed)]
    [InlineData(KeyProjectStatus.Operating)]
    public void Evaluate_DoneOnTheDueDate_Passes(KeyProjectStatus status)
    {
        var result = Evaluate(new KeyProject("污水处理厂", DueDate, status, DueDate));

        var finding = result.FindingFor(AssessmentCriterion.KeyProject, "污水处理厂");
        Assert.Equal(FindingOutcome.Passed, finding.Outcome);
        Assert.Equal("2014-06-30前建成或投运", finding.Required);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public void Evaluate_CompletedOneDayLate_FailsWithTheDelay()
    {
        var result = Evaluate(new KeyProject("脱硝改造", DueDate, KeyProjectStatus.Completed, DueDate.AddDays(1)));

        var finding = result.FindingFor(AssessmentCriterion.KeyProject, "脱硝改造");
        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("逾期1天建成", finding.Note);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Evaluate_ReportedCompleteButNotRunningAtVerification_Fails()
    {
        var result = Evaluate(new KeyProject("脱硫设施", DueDate, KeyProjectStatus.Completed, DueDate.AddDays(-30), VerifiedRunning: false));

        var finding = result.FindingFor(AssessmentCriterion.KeyProject, "脱硫设施");
        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Contains("现场核查未运行", finding.Actual, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Evaluate_VerifiedRunning_Passes()
    {
        var result = Evaluate(new KeyProject("污水处理厂", DueDate, KeyProjectStatus.Operating, DueDate, VerifiedRunning: true));

        Assert.Equal(FindingOutcome.Passed, result.FindingFor(AssessmentCriterion.KeyProject, "污水处理厂").Outcome);
    }

    [Fact]
    public void Evaluate_DueNextYear_IsNotApplicableAndDoesNotFail()
    {
        var result = Evaluate(new KeyProject("渗滤液处理", new DateOnly(2015, 1, 1), KeyProjectStatus.NotStarted));

        var finding = result.FindingFor(AssessmentCriterion.KeyProject, "渗滤液处理");
        Assert.Equal(FindingOutcome.NotApplicable, finding.Outcome);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public void Evaluate_DueOnLastDayOfYearStillInProgress_Fails()
    {
        var result = Evaluate(new KeyProject("在建项目", new DateOnly(2014, 12, 31), KeyProjectStatus.InProgress));

        Assert.Equal(FindingOutcome.Failed, result.FindingFor(AssessmentCriterion.KeyProject, "在建项目").Outcome);
    }

    [Fact]
    public void Evaluate_NotStarted_Fails()
    {
        var result = Evaluate(new KeyProject("未开工项目", DueDate, KeyProjectStatus.NotStarted));

        Assert.Equal(FindingOutcome.Failed, result.FindingFor(AssessmentCriterion.KeyProject, "未开工项目").Outcome);
    }

    [Fact]
    public void Evaluate_CompletedWithoutCompletionDate_FailsAsUnproven()
    {
        var result = Evaluate(new KeyProject("无日期项目", DueDate, KeyProjectStatus.Completed));

        var finding = result.FindingFor(AssessmentCriterion.KeyProject, "无日期项目");
        Assert.Equal(FindingOutcome.Failed, finding.Outcome);
        Assert.Equal("未填写建成日期，无法证明按期建成", finding.Note);
    }

    [Fact]
    public void Evaluate_DueInEarlierYearAndDoneOnTime_Passes()
    {
        var result = Evaluate(new KeyProject("往年项目", new DateOnly(2013, 12, 31), KeyProjectStatus.Operating, new DateOnly(2013, 12, 1)));

        Assert.Equal(FindingOutcome.Passed, result.FindingFor(AssessmentCriterion.KeyProject, "往年项目").Outcome);
    }

    [Fact]
    public void Evaluate_AnyFinding_CitesArticleSixItemThree()
    {
        var result = Evaluate(new KeyProject("污水处理厂", DueDate, KeyProjectStatus.Completed, DueDate));

        Assert.Equal("《“十二五”主要污染物总量减排考核办法》第六条第（三）项", result.FindingFor(AssessmentCriterion.KeyProject, "污水处理厂").Basis);
    }
}
