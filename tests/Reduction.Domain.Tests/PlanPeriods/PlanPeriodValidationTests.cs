using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.PlanPeriods;

public class PlanPeriodValidationTests
{
    private static readonly string Shipped = PlanPeriodJson.WriteFile(PlanPeriodCatalog.LoadDefault().Periods);

    [Fact]
    public void Parse_ThirteenthEndingIn2021_RefusesNamingBothPeriodsAndTheField()
    {
        var json = Shipped.Replace("\"lastYear\": 2020", "\"lastYear\": 2021", StringComparison.Ordinal);

        var exception = Assert.Throws<ArgumentException>(() => PlanPeriodCatalog.Parse(json));

        Assert.Contains("规划期“14th-five-year-plan”的年份（firstYear 2021）与规划期“13th-five-year-plan”（2016-2021）重叠", exception.Message, StringComparison.Ordinal);
        Assert.Contains("plan period '14th-five-year-plan': firstYear 2021 overlaps", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPollutant_RefusesNamingThePeriodAndField()
    {
        var json = Shipped.Replace("\"code\": \"VOCs\"", "\"code\": \"VOC\"", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));

        Assert.Contains("规划期“14th-five-year-plan”", exception.Message, StringComparison.Ordinal);
        Assert.Contains("planPeriods[2].pollutants[3].code 的污染物“VOC”未知", exception.Message, StringComparison.Ordinal);
        Assert.Contains("unknown pollutant 'VOC'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongPollutantName_Refuses()
    {
        var json = Shipped.Replace("挥发性有机物", "有机物", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));

        Assert.Contains("pollutants[3].name", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTargetKindInLaterPeriod_RefusesNamingThePeriod()
    {
        var json = Shipped.Replace("\"capTonnes\"", "\"capKilograms\"", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));

        Assert.Contains("规划期“12th-five-year-plan”", exception.Message, StringComparison.Ordinal);
        Assert.Contains("planPeriods[0].targetKinds[0]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSector_Refuses()
    {
        var json = Shipped.Replace("\"motorVehicles\"", "\"ships\"", StringComparison.Ordinal);

        var exception = Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse(json));

        Assert.Contains("sectors", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCarriedOverField_Refuses()
    {
        var json = Shipped.Replace("\"thresholds.transmissionEffectiveRate\"", "\"thresholds.other\"", StringComparison.Ordinal);

        var exception = Assert.Throws<ArgumentException>(() => PlanPeriodCatalog.Parse(json));

        Assert.Contains("thresholds.other", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PlanPeriodCatalog.Parse("{ planPeriods"));
    }

    [Fact]
    public void With_SameId_ReplacesThePeriod()
    {
        var shipped = PlanPeriodCatalog.LoadDefault();
        var confirmed = PlanPeriodCatalog.Parse(
            PlanPeriodJson.WriteFile([shipped.FindById("14th-five-year-plan")!]).Replace("\"75/100\"", "\"90/100\"", StringComparison.Ordinal));

        var changed = shipped.With(confirmed.Periods);

        Assert.Equal(3, changed.Periods.Count);
        Assert.Equal(90, changed.FindByYear(2024)!.Thresholds.TransmissionEffectiveRate.Numerator);
        Assert.Equal(75, changed.FindByYear(2019)!.Thresholds.TransmissionEffectiveRate.Numerator);
    }

    [Fact]
    public void With_NewIdOverlappingAStoredPeriod_Throws()
    {
        var shipped = PlanPeriodCatalog.LoadDefault();
        var other = PlanPeriodCatalog.Parse(
            PlanPeriodJson.WriteFile([shipped.FindById("14th-five-year-plan")!]).Replace("14th-five-year-plan", "14th-draft", StringComparison.Ordinal));

        var exception = Assert.Throws<ArgumentException>(() => shipped.With(other.Periods));

        Assert.Contains("重叠", exception.Message, StringComparison.Ordinal);
    }
}
