using Reduction.Domain.Assessment;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Tests.Assessment;

/// <summary>Builds a fresh case that passes every criterion; tests change the one thing they are about.</summary>
internal static class AssessmentCases
{
    public static PlanPeriod TwelfthPlan => PlanPeriodCatalog.LoadDefault().FindByYear(2014)!;

    public static AssessmentCase Passing(string prefecture = "拉萨市", int year = 2014) => new(
        PartyDirectory.LoadDefault().FindByName(prefecture)!,
        year,
        [
            new PollutantFigures("COD", 10150.0m, new PollutantTarget(TargetKind.ChangeVsPreviousYearPercent, -0.6m), PreviousTonnes: 10234.5m),
            new PollutantFigures("NH3-N", 900.0m, new PollutantTarget(TargetKind.CapTonnes, 950m)),
            new PollutantFigures("SO2", 4800m, new PollutantTarget(TargetKind.ChangeVsBaseYearPercent, -3m), BaseYearTonnes: 5000m),
            new PollutantFigures("NOx", 7000m, new PollutantTarget(TargetKind.ChangeVsPreviousYearPercent, 0m), PreviousTonnes: 7000m),
        ],
        [new KeyProject("拉萨市污水处理厂二期", new DateOnly(year, 12, 31), KeyProjectStatus.Operating, new DateOnly(year, 11, 20))],
        new MonitoringCounts(
            new TransmissionCounts(10000, 9000, 7600),
            new PublicationCounts(40, 50),
            new PublicationCounts(20, 20)));

    /// <summary>The passing case with one pollutant's figures replaced (matched by code).</summary>
    public static AssessmentCase WithPollutant(PollutantFigures figures) => Passing() with
    {
        Pollutants = Passing().Pollutants.Select(p => p.Code == figures.Code ? figures : p).ToArray(),
    };

    public static AssessmentCase WithProjects(params KeyProject[] projects) => Passing() with { KeyProjects = projects };

    public static Finding FindingFor(this AssessmentResult result, AssessmentCriterion criterion, string? subject = null) =>
        result.Findings.Single(f => f.Criterion == criterion && f.Subject == subject);
}
