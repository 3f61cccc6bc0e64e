using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.PlanPeriods;

public class ShippedPlanPeriodsTests
{
    private static readonly string[] CarriedThresholdsAndKinds =
    [
        "targetKinds",
        "thresholds.transmissionEffectiveRate",
        "thresholds.selfMonitoringPublicationRate",
        "thresholds.supervisoryMonitoringPublicationRate",
    ];

    [Fact]
    public void LoadDefault_Shipped_HasTwelfthThirteenthAndFourteenthPeriods()
    {
        var periods = PlanPeriodCatalog.LoadDefault().Periods;

        Assert.Equal(["12th-five-year-plan", "13th-five-year-plan", "14th-five-year-plan"], periods.Select(p => p.Id));
        Assert.Equal([(2011, 2015, 2010), (2016, 2020, 2015), (2021, 2025, 2020)], periods.Select(p => (p.FirstYear, p.LastYear, p.BaseYear)));
    }

    [Theory]
    [InlineData(2016)]
    [InlineData(2018)]
    [InlineData(2020)]
    public void FindByYear_YearIn2016To2020_ReturnsThirteenthWithSo2(int year)
    {
        var period = PlanPeriodCatalog.LoadDefault().FindByYear(year)!;

        Assert.Equal("13th-five-year-plan", period.Id);
        Assert.Equal(["COD", "NH3-N", "SO2", "NOx"], period.Pollutants.Select(p => p.Code));
        Assert.All(AssessmentCriteria.All, c => Assert.Equal("国发〔2016〕74号《“十三五”节能减排综合工作方案》", period.BasisOf(c)));
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2025)]
    public void FindByYear_YearIn2021To2025_ReturnsFourteenthWithVocsNotSo2(int year)
    {
        var period = PlanPeriodCatalog.LoadDefault().FindByYear(year)!;

        Assert.Equal("14th-five-year-plan", period.Id);
        Assert.Equal(["COD", "NH3-N", "NOx", "VOCs"], period.Pollutants.Select(p => p.Code));
        Assert.Equal("挥发性有机物", period.FindPollutant("vocs")!.Name);
        Assert.Null(period.FindPollutant("SO2"));
        Assert.All(AssessmentCriteria.All, c => Assert.Equal("国发〔2021〕33号《“十四五”节能减排综合工作方案》", period.BasisOf(c)));
    }

    [Theory]
    [InlineData("13th-five-year-plan")]
    [InlineData("14th-five-year-plan")]
    public void LoadDefault_LaterPeriod_MarksValuesTheTextsDoNotFixAsCarriedOverFromTheTwelfth(string id)
    {
        var catalog = PlanPeriodCatalog.LoadDefault();
        var period = catalog.FindById(id)!;
        var twelfth = catalog.FindById("12th-five-year-plan")!;

        Assert.Equal("12th-five-year-plan", period.CarriedOverFrom);
        Assert.All(CarriedThresholdsAndKinds, f => Assert.True(period.IsUnconfirmed(f), f));
        Assert.Equal(twelfth.Thresholds, period.Thresholds);
        Assert.Equal(twelfth.TargetKinds, period.TargetKinds);
        Assert.All(period.Pollutants, p => Assert.True(period.IsUnconfirmed($"pollutants.{p.Code}.sectors")));
    }

    [Theory]
    [InlineData("13th-five-year-plan")]
    [InlineData("14th-five-year-plan")]
    public void LoadDefault_LaterPeriod_CarriesTheTwelfthMeasuresTitleOverUnconfirmed(string id)
    {
        var catalog = PlanPeriodCatalog.LoadDefault();
        var period = catalog.FindById(id)!;

        Assert.Equal(catalog.FindById("12th-five-year-plan")!.MeasuresTitle, period.MeasuresTitle);
        Assert.True(period.IsUnconfirmed("measuresTitle"));
    }

    [Fact]
    public void LoadDefault_TwelfthPeriod_NamesItsMeasuresConfirmed()
    {
        var twelfth = PlanPeriodCatalog.LoadDefault().FindById("12th-five-year-plan")!;

        Assert.Equal("《“十二五”主要污染物总量减排考核办法》", twelfth.MeasuresTitle);
        Assert.False(twelfth.IsUnconfirmed("measuresTitle"));
    }

    [Fact]
    public void SectorsOf_FourteenthVocs_AssumesIndustrialDomesticVehiclesAndCentralised()
    {
        var period = PlanPeriodCatalog.LoadDefault().FindByYear(2025)!;

        Assert.Equal(
            [EmissionSectors.Industrial, EmissionSectors.UrbanDomestic, EmissionSectors.MotorVehicles, EmissionSectors.Centralised],
            period.SectorsOf(Pollutant.Vocs));
    }

    [Fact]
    public void SectorsOf_TwelfthSo2_HasNoAgriculture()
    {
        var period = PlanPeriodCatalog.LoadDefault().FindByYear(2014)!;

        Assert.Equal([EmissionSectors.Industrial, EmissionSectors.UrbanDomestic, EmissionSectors.Centralised], period.SectorsOf(Pollutant.SulphurDioxide));
    }

    [Fact]
    public void WriteFile_ShippedCatalog_ReadsBackUnchanged()
    {
        var shipped = PlanPeriodCatalog.LoadDefault();

        var text = PlanPeriodJson.WriteFile(shipped.Periods);

        Assert.Equal(text, PlanPeriodJson.WriteFile(PlanPeriodCatalog.Parse(text).Periods));
        Assert.Contains("挥发性有机物", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NotCoveredMessage_Cycle2026_SaysHowToAddThePeriod()
    {
        Assert.Equal(
            "2026年度考核评定 2025 年，该年不在任何规划期内。请由系统管理员用 `reduction plan-periods import` 添加规划期。",
            PlanPeriodCatalog.NotCoveredMessage(2026));
    }

    [Fact]
    public void FindKnown_Vocs_HasItsChineseName()
    {
        Assert.Equal(new Pollutant("VOCs", "挥发性有机物"), Pollutant.FindKnown("VOCs"));
        Assert.Null(Pollutant.FindKnown("PM2.5"));
    }
}
