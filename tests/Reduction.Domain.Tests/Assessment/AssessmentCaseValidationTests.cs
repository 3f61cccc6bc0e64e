using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.Assessment;

public class AssessmentCaseValidationTests
{
    private static AssessmentCaseError SingleError(AssessmentCase assessmentCase) =>
        Assert.Single(assessmentCase.Validate(AssessmentCases.TwelfthPlan));

    private static AssessmentCase WithMonitoring(TransmissionCounts transmission, PublicationCounts? self = null, PublicationCounts? supervisory = null) =>
        AssessmentCases.Passing() with
        {
            Monitoring = new MonitoringCounts(transmission, self ?? new PublicationCounts(1, 1), supervisory ?? new PublicationCounts(1, 1)),
        };

    [Fact]
    public void Validate_PassingCase_HasNoErrors()
    {
        Assert.Empty(AssessmentCases.Passing().Validate(AssessmentCases.TwelfthPlan));
    }

    [Fact]
    public void YearNotCovered_2016_SaysSoInBothLanguages()
    {
        var error = AssessmentCaseError.YearNotCovered(2016);

        Assert.Equal("year", error.Field);
        Assert.Equal("2016年不在任何规划期内", error.Message);
        Assert.Equal("year 2016 is not covered by any plan period", error.EnglishMessage);
    }

    [Fact]
    public void Validate_YearOutsideThePeriod_NamesYear()
    {
        var error = SingleError(AssessmentCases.Passing(year: 2016));

        Assert.Equal("year", error.Field);
        Assert.Equal("2016年不在“十二五”规划期（2011-2015年）内", error.Message);
    }

    [Theory]
    [InlineData("actualTonnes")]
    [InlineData("previousTonnes")]
    public void Validate_NegativeTonnes_NamesTheField(string field)
    {
        var figures = field == "actualTonnes"
            ? new PollutantFigures("COD", -0.5m, new PollutantTarget(TargetKind.ChangeVsPreviousYearPercent, -0.6m), PreviousTonnes: 100m)
            : new PollutantFigures("COD", 10m, new PollutantTarget(TargetKind.ChangeVsPreviousYearPercent, -0.6m), PreviousTonnes: -100m);

        var error = SingleError(AssessmentCases.WithPollutant(figures));

        Assert.Equal($"pollutants[0].{field}", error.Field);
        Assert.StartsWith("排放量不能为负数", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("tonnes must not be negative", error.EnglishMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeCap_NamesTargetValue()
    {
        var error = SingleError(AssessmentCases.WithPollutant(new PollutantFigures("NH3-N", 1m, new PollutantTarget(TargetKind.CapTonnes, -1m))));

        Assert.Equal("pollutants[1].target.value", error.Field);
        Assert.Equal("排放上限不能为负数：-1", error.Message);
    }

    [Fact]
    public void Validate_UnknownPollutant_NamesCodeAndMissingOne()
    {
        var passing = AssessmentCases.Passing();
        var vocs = new PollutantFigures("VOCs", 1m, new PollutantTarget(TargetKind.CapTonnes, 1m));

        var errors = (passing with { Pollutants = [.. passing.Pollutants.Take(3), vocs] }).Validate(AssessmentCases.TwelfthPlan);

        Assert.Collection(
            errors,
            e =>
            {
                Assert.Equal("pollutants[3].code", e.Field);
                Assert.Equal("未知的污染物“VOCs”，“十二五”规划期考核：COD、NH3-N、SO2、NOx", e.Message);
            },
            e =>
            {
                Assert.Equal("pollutants", e.Field);
                Assert.Equal("缺少污染物“NOx”（氮氧化物）", e.Message);
                Assert.Equal("pollutant 'NOx' is missing", e.EnglishMessage);
            });
    }

    [Fact]
    public void Validate_DuplicatePollutant_NamesTheSecond()
    {
        var passing = AssessmentCases.Passing();
        var duplicate = passing with { Pollutants = [.. passing.Pollutants, passing.Pollutants[0] with { Code = "cod" }] };

        var error = SingleError(duplicate);

        Assert.Equal("pollutants[4].code", error.Field);
        Assert.Equal("污染物“COD”重复", error.Message);
    }

    [Fact]
    public void Validate_MissingPollutant_NamesPollutants()
    {
        var passing = AssessmentCases.Passing();

        var error = SingleError(passing with { Pollutants = passing.Pollutants.Take(3).ToArray() });

        Assert.Equal("pollutants", error.Field);
        Assert.Contains("NOx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ChangeTargetWithoutPreviousTonnes_NamesPreviousTonnes()
    {
        var error = SingleError(AssessmentCases.WithPollutant(
            new PollutantFigures("COD", 1m, new PollutantTarget(TargetKind.ChangeVsPreviousYearPercent, -0.6m), BaseYearTonnes: 5m)));

        Assert.Equal("pollutants[0].previousTonnes", error.Field);
        Assert.Equal("目标类型 changeVsPreviousYearPercent 需要上年排放量 previousTonnes", error.Message);
        Assert.Equal("target kind changeVsPreviousYearPercent needs previousTonnes", error.EnglishMessage);
    }

    [Fact]
    public void Validate_BaseYearTargetWithoutBaseYearTonnes_NamesBaseYearTonnes()
    {
        var error = SingleError(AssessmentCases.WithPollutant(
            new PollutantFigures("SO2", 1m, new PollutantTarget(TargetKind.ChangeVsBaseYearPercent, -3m), PreviousTonnes: 5m)));

        Assert.Equal("pollutants[2].baseYearTonnes", error.Field);
        Assert.Equal("目标类型 changeVsBaseYearPercent 需要2010年（基准年）排放量 baseYearTonnes", error.Message);
    }

    [Theory]
    [InlineData(TargetKind.ChangeVsPreviousYearPercent, "previousTonnes", "上年排放量为0，无法计算变化率")]
    [InlineData(TargetKind.ChangeVsBaseYearPercent, "baseYearTonnes", "2010年（基准年）排放量为0，无法计算变化率")]
    public void Validate_ZeroReferenceTonnes_NamesTheReference(TargetKind kind, string field, string message)
    {
        var error = SingleError(AssessmentCases.WithPollutant(
            new PollutantFigures("COD", 1m, new PollutantTarget(kind, -1m), PreviousTonnes: 0m, BaseYearTonnes: 0m)));

        Assert.Equal($"pollutants[0].{field}", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_TargetKindOutsideThePeriod_NamesKind()
    {
        var capOnly = new PlanPeriod(
            "caps",
            "测试",
            2011,
            2015,
            2010,
            AssessmentCases.TwelfthPlan.Pollutants,
            [TargetKind.CapTonnes],
            AssessmentCases.TwelfthPlan.Thresholds,
            AssessmentCriteria.All.ToDictionary(c => c, c => "依据"),
            "《测试考核办法》");

        var errors = AssessmentCases.Passing().Validate(capOnly);

        Assert.Equal(["pollutants[0].target.kind", "pollutants[2].target.kind", "pollutants[3].target.kind"], errors.Select(e => e.Field));
        Assert.Equal("测试规划期不使用目标类型“changeVsPreviousYearPercent”，可用：capTonnes", errors[0].Message);
    }

    [Theory]
    [InlineData(-1, 0, 0, "monitoring.transmission.due")]
    [InlineData(100, 101, 50, "monitoring.transmission.received")]
    [InlineData(100, 90, 91, "monitoring.transmission.valid")]
    public void Validate_TransmissionCountsOutOfOrder_NamesTheField(long due, long received, long valid, string field)
    {
        var errors = WithMonitoring(new TransmissionCounts(due, received, valid)).Validate(AssessmentCases.TwelfthPlan);

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Validate_ValidAboveReceived_SaysWhich()
    {
        var error = SingleError(WithMonitoring(new TransmissionCounts(100, 90, 91)));

        Assert.Equal("有效记录数（91）不能大于接收记录数（90）", error.Message);
        Assert.Equal("valid (91) must not exceed received (90)", error.EnglishMessage);
    }

    [Fact]
    public void Validate_PublishedAboveRequired_NamesPublished()
    {
        var error = SingleError(WithMonitoring(new TransmissionCounts(1, 1, 1), supervisory: new PublicationCounts(21, 20)));

        Assert.Equal("monitoring.supervisoryMonitoringPublication.published", error.Field);
        Assert.Equal("已公布企业数（21）不能大于应公布企业数（20）", error.Message);
    }

    [Fact]
    public void Validate_NegativeRequired_NamesRequired()
    {
        var errors = WithMonitoring(new TransmissionCounts(1, 1, 1), self: new PublicationCounts(0, -1)).Validate(AssessmentCases.TwelfthPlan);

        Assert.Contains(errors, e => e.Field == "monitoring.selfMonitoringPublication.required" && e.Message == "数量不能为负数：-1");
    }

    [Fact]
    public void Validate_CompletedOnForProjectInProgress_NamesCompletedOn()
    {
        var error = SingleError(AssessmentCases.WithProjects(
            new KeyProject("在建项目", new DateOnly(2014, 6, 30), KeyProjectStatus.InProgress, new DateOnly(2014, 5, 1))));

        Assert.Equal("keyProjects[0].completedOn", error.Field);
        Assert.Equal("completedOn is given but the status is inProgress", error.EnglishMessage);
    }

    [Fact]
    public void Validate_DuplicateProjectName_NamesTheSecond()
    {
        var project = new KeyProject("污水处理厂", new DateOnly(2014, 6, 30), KeyProjectStatus.NotStarted);

        var error = SingleError(AssessmentCases.WithProjects(project, project));

        Assert.Equal("keyProjects[1].name", error.Field);
        Assert.Equal("重点项目“污水处理厂”重复", error.Message);
    }

    [Fact]
    public void Validate_EmptyProjectName_NamesName()
    {
        var error = SingleError(AssessmentCases.WithProjects(new KeyProject(" ", new DateOnly(2014, 6, 30), KeyProjectStatus.NotStarted)));

        Assert.Equal("keyProjects[0].name", error.Field);
    }

    [Fact]
    public void ToString_Error_JoinsFieldAndBothLanguages()
    {
        Assert.Equal("year: 2016年不在任何规划期内 / year 2016 is not covered by any plan period", AssessmentCaseError.YearNotCovered(2016).ToString());
    }
}
