using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.PlanPeriods;

public class PlanPeriodCatalogTests
{
    private const string ThirteenthAndFourteenth = """
        {
          "planPeriods": [
            {
              "id": "14th", "name": "“十四五”", "firstYear": 2021, "lastYear": 2025, "baseYear": 2020,
              "pollutants": [ { "code": "COD", "name": "化学需氧量" }, { "code": "VOCs", "name": "挥发性有机物" } ],
              "targetKinds": [ "changeVsBaseYearPercent" ],
              "thresholds": { "transmissionEffectiveRate": "90/100", "selfMonitoringPublicationRate": "9/10", "supervisoryMonitoringPublicationRate": "1/1" },
              "basis": { "pollutant-target": "a", "key-project": "b", "transmission-effective-rate": "c",
                         "self-monitoring-publication-rate": "d", "supervisory-monitoring-publication-rate": "e" },
              "measuresTitle": "《测试考核办法》"
            },
            {
              "id": "13th", "name": "“十三五”", "firstYear": 2016, "lastYear": 2020, "baseYear": 2015,
              "pollutants": [ { "code": "COD", "name": "化学需氧量" } ],
              "targetKinds": [ "capTonnes" ],
              "thresholds": { "transmissionEffectiveRate": "75/100", "selfMonitoringPublicationRate": "80/100", "supervisoryMonitoringPublicationRate": "95/100" },
              "basis": { "pollutant-target": "a", "key-project": "b", "transmission-effective-rate": "c",
                         "self-monitoring-publication-rate": "d", "supervisory-monitoring-publication-rate": "e" },
              "measuresTitle": "《测试考核办法》"
            }
          ]
        }
        """;

    [Fact]
    public void LoadDefault_TwelfthPlan_HasShippedConfiguration()
    {
        var period = PlanPeriodCatalog.LoadDefault().Periods[0];

        Assert.Equal("12th-five-year-plan", period.Id);
        Assert.Equal((2011, 2015, 2010), (period.FirstYear, period.LastYear, period.BaseYear));
        Assert.Equal(["COD", "NH3-N", "SO2", "NOx"], period.Pollutants.Select(p => p.Code));
        Assert.Equal(
            [TargetKind.CapTonnes, TargetKind.ChangeVsPreviousYearPercent, TargetKind.ChangeVsBaseYearPercent],
            period.TargetKinds);
        Assert.Equal(new Rate(75, 100), period.Thresholds.TransmissionEffectiveRate);
        Assert.Equal(new Rate(80, 100), period.Thresholds.SelfMonitoringPublicationRate);
        Assert.Equal(new Rate(95, 100), period.Thresholds.SupervisoryMonitoringPublicationRate);
        Assert.Empty(period.Unconfirmed);
        Assert.Null(period.CarriedOverFrom);
    }

    [Fact]
    public void LoadDefault_EveryCriterion_CitesTheMeasures()
    {
        var period = PlanPeriodCatalog.LoadDefault().Periods[0];

        Assert.All(AssessmentCriteria.All, c => Assert.StartsWith("《“十二五”主要污染物总量减排考核办法》第六条", period.BasisOf(c), StringComparison.Ordinal));
        Assert.EndsWith("第（一）项", period.BasisOf(AssessmentCriterion.PollutantTarget), StringComparison.Ordinal);
        Assert.EndsWith("第（三）项", period.BasisOf(AssessmentCriterion.KeyProject), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2011)]
    [InlineData(2013)]
    [InlineData(2015)]
    public void FindByYear_YearInTwelfthPlan_ReturnsIt(int year)
    {
        Assert.Equal("12th-five-year-plan", PlanPeriodCatalog.LoadDefault().FindByYear(year)?.Id);
    }

    [Theory]
    [InlineData(2010)]
    [InlineData(2026)]
    public void FindByYear_YearOutsideEveryPeriod_ReturnsNull(int year)
    {
        Assert.Null(PlanPeriodCatalog.LoadDefault().FindByYear(year));
    }

    [Fact]
    public void FindPollutant_OtherCase_ReturnsCanonicalCode()
    {
        Assert.Equal("NH3-N", PlanPeriodCatalog.LoadDefault().Periods[0].FindPollutant("nh3-n")?.Code);
    }

    [Fact]
    public void Parse_LaterPeriods_ReadsTheirOwnPollutantsAndThresholds()
    {
        var catalog = PlanPeriodCatalog.Parse(ThirteenthAndFourteenth);

        Assert.Equal(["13th", "14th"], catalog.Periods.Select(p => p.Id));
        var fourteenth = catalog.FindByYear(2023)!;
        Assert.NotNull(fourteenth.FindPollutant("VOCs"));
        Assert.False(fourteenth.Allows(TargetKind.CapTonnes));
        Assert.Equal(new Rate(9, 10), fourteenth.Thresholds.SelfMonitoringPublicationRate);
    }

    [Fact]
    public void Parse_OverlappingYears_Throws()
    {
        var json = ThirteenthAndFourteenth.Replace("\"lastYear\": 2020", "\"lastYear\": 2021", StringComparison.Ordinal);

        var exception = Assert.Throws<ArgumentException>(() => PlanPeriodCatalog.Parse(json));
        Assert.Contains("重叠", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTargetKind_ThrowsNamingTheEntry()
    {
        var json = ThirteenthAndFourteenth.Replace("[ \"capTonnes\" ]", "[ \"capKilograms\" ]", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));
        Assert.Contains("planPeriods[1].targetKinds[0]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadThreshold_ThrowsNamingTheField()
    {
        var json = ThirteenthAndFourteenth.Replace("\"90/100\"", "\"90%\"", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));
        Assert.Contains("planPeriods[0].thresholds.transmissionEffectiveRate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingBasis_Throws()
    {
        var json = ThirteenthAndFourteenth.Replace("\"key-project\": \"b\", ", string.Empty, StringComparison.Ordinal);

        var exception = Assert.Throws<ArgumentException>(() => PlanPeriodCatalog.Parse(json));
        Assert.Contains("key-project", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingMeasuresTitle_ThrowsNamingThePeriodAndField()
    {
        var json = ThirteenthAndFourteenth.Replace("\"measuresTitle\"", "\"title\"", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));
        Assert.Contains("measuresTitle", exception.Message, StringComparison.Ordinal);
        Assert.Contains("14th", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MeasuresTitle_IsThePeriodsOwnAndWrittenBack()
    {
        var json = ThirteenthAndFourteenth.Replace("《测试考核办法》", "《另一考核办法》", StringComparison.Ordinal);

        var period = PlanPeriodCatalog.Parse(json).FindByYear(2022)!;

        Assert.Equal("《另一考核办法》", period.MeasuresTitle);
        Assert.Equal("《另一考核办法》", PlanPeriodJson.Write(period)["measuresTitle"]!.GetValue<string>());
    }
}
