using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Cycles;
using Reduction.Workflows.PlanPeriods;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Dashboards;

/// <summary>A monitoring indicator's bars: each prefecture's rate against the period's threshold, in percent.</summary>
public sealed record RateChart(string Criterion, string Title, IReadOnlyList<ChartBar> Bars);

/// <summary>The region's dashboard for an assessed year and a pollutant, already scoped to the caller.</summary>
public sealed record RegionDashboard(
    int Year,
    Pollutant Pollutant,
    PlanPeriod? Period,
    IReadOnlyList<Pollutant> Pollutants,
    IReadOnlyList<ChartBar> Emissions,
    IReadOnlyList<int> Years,
    IReadOnlyList<ChartSeries> Trend,
    IReadOnlyList<RateChart> Rates,
    IReadOnlyList<MapArea> Map)
{
    /// <summary>The prefectures whose figures the dashboard holds (the caller's own only, for a prefecture).</summary>
    public IReadOnlyList<string> Prefectures => Map.Select(m => m.PrefectureId).ToList();
}

/// <summary>One pollutant of a prefecture over the period: a bar per year against that year's target.</summary>
public sealed record PollutantYears(Pollutant Pollutant, IReadOnlyList<ChartBar> Years);

/// <summary>One prefecture's dashboard: its pollutants over the period, its key projects, its tasks this year.</summary>
public sealed record PrefectureDashboard(
    string PrefectureId,
    string Name,
    int Year,
    PlanPeriod? Period,
    IReadOnlyList<PollutantYears> Pollutants,
    IReadOnlyList<StoredKeyProject> Projects,
    IReadOnlyList<TaskInfo> Tasks,
    MapArea Verdict);

/// <summary>
/// What the dashboards show, read in the caller's scope in each query: ledger totals and targets through the ledger
/// store's scoped reads (a prefecture its own; the departments, government and supervision every prefecture's totals,
/// never an enterprise's), the year's verdicts and monitoring rates from the annual cycle's results (a prefecture its
/// own result; the assessing bodies and the government all; anyone else none), tasks through the scoped task query.
/// A target given as a change in percent becomes tonnes against the ledger's previous or base year where that year is
/// in the ledger, so the bar can mark it.
/// </summary>
public sealed class DashboardQueries(LedgerStore ledger, PlanPeriodStore periods, PartyDirectory parties, AssessmentResultQueries results, TaskQueries tasks, TimeProvider time)
{
    public const string Transmission = "transmission-effective-rate";
    public const string SelfMonitoring = "self-monitoring-publication-rate";
    public const string Supervisory = "supervisory-monitoring-publication-rate";

    private static readonly (string Criterion, string Title)[] RateCriteria =
    [
        (Transmission, "自动监控数据传输有效率"),
        (SelfMonitoring, "企业自行监测结果公布率"),
        (Supervisory, "监督性监测结果公布率"),
    ];

    /// <summary>The year shown when none is asked for: the last year the cycle has assessed (the previous year).</summary>
    public int DefaultYear() => BeijingTime.DateOf(time.GetUtcNow()).Year - 1;

    public async Task<RegionDashboard> RegionAsync(PartyScope scope, int year, string? pollutantCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var period = (await periods.GetCatalogAsync(cancellationToken)).FindByYear(year);
        var pollutants = period?.Pollutants ?? Pollutant.Known.Take(4).ToList();
        var pollutant = pollutants.FirstOrDefault(p => p.Code == pollutantCode) ?? pollutants[0];
        var prefectures = Prefectures(scope, year);
        var years = Years(period, year);
        var own = scope.Role == PartyRole.Prefecture ? scope.PartyId : null;
        var entries = await ledger.LedgerAsync(scope, own, null, cancellationToken);
        var totals = Totals(entries);
        var targets = (await ledger.TargetsAsync(scope, year, own, cancellationToken)).Where(t => t.Value.Pollutant == pollutant.Code).ToDictionary(t => t.Value.PrefectureId, t => t.Value, StringComparer.Ordinal);

        var emissions = prefectures.Select(p =>
        {
            var value = Total(totals, p.Id, year, pollutant.Code);
            var (target, note) = TargetTonnes(targets.GetValueOrDefault(p.Id), totals, period);
            return new ChartBar(p.Id, NameIn(p, year), value, target, value is { } v && target is { } t && v > t, note);
        }).ToList();
        var trend = prefectures.Select(p => new ChartSeries(p.Id, NameIn(p, year), years.Select(y => Total(totals, p.Id, y, pollutant.Code)).ToList())).ToList();

        var found = await ResultsAsync(scope, year, cancellationToken);
        var rates = RateCriteria.Select(c => new RateChart(c.Criterion, c.Title, prefectures
            .Where(p => found.ContainsKey(p.Id))
            .Select(p => RateBar(p, year, found[p.Id], c.Criterion))
            .OfType<ChartBar>()
            .ToList())).ToList();
        var map = prefectures.Select(p => new MapArea(p.Id, NameIn(p, year), found.GetValueOrDefault(p.Id) is { } r ? Verdict(r) : VerdictMap.None)).ToList();
        return new RegionDashboard(year, pollutant, period, pollutants, emissions, years, trend, rates, map);
    }

    /// <summary>One prefecture's dashboard, or null when the caller may not read it (another prefecture's member, an
    /// account bound to no party) or it is no prefecture.</summary>
    public async Task<PrefectureDashboard?> PrefectureAsync(PartyScope scope, string prefectureId, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (parties.FindById(prefectureId) is not { Role: PartyRole.Prefecture } prefecture || !ReadsFigures(scope, prefectureId))
        {
            return null;
        }

        var period = (await periods.GetCatalogAsync(cancellationToken)).FindByYear(year);
        var years = Years(period, year);
        var totals = Totals(await ledger.LedgerAsync(scope, prefectureId, null, cancellationToken));
        var targets = new List<StoredTarget>();
        foreach (var y in years)
        {
            targets.AddRange(await ledger.TargetsAsync(scope, y, prefectureId, cancellationToken));
        }

        var pollutants = (period?.Pollutants ?? Pollutant.Known.Take(4).ToList()).Select(p => new PollutantYears(p, years.Select(y =>
        {
            var value = Total(totals, prefectureId, y, p.Code);
            var target = targets.FirstOrDefault(t => t.Value.Year == y && t.Value.Pollutant == p.Code)?.Value;
            var (tonnes, note) = TargetTonnes(target, totals, period);
            return new ChartBar(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture) + "年", value, tonnes, value is { } v && tonnes is { } t && v > t, note);
        }).ToList())).ToList();

        var projects = (await ledger.KeyProjectsAsync(scope, prefectureId, cancellationToken)).OrderBy(p => p.Value.DueDate).ToList();
        var thisYear = BeijingTime.DateOf(time.GetUtcNow()).Year;
        var from = BeijingTime.StartOfDay(new DateOnly(thisYear, 1, 1));
        var list = await tasks.ListAsync(scope, new TaskFilter(AssigneePartyId: prefectureId, DueFrom: from, DueTo: BeijingTime.StartOfDay(new DateOnly(thisYear + 1, 1, 1))), cancellationToken);
        var found = await ResultsAsync(scope, year, cancellationToken);
        var name = NameIn(prefecture, year);
        var verdict = new MapArea(prefectureId, name, found.GetValueOrDefault(prefectureId) is { } r ? Verdict(r) : VerdictMap.None);
        return new PrefectureDashboard(prefectureId, name, year, period, pollutants, projects, list.OrderBy(t => t.DueAt).ToList(), verdict);
    }

    /// <summary>The year's results the caller may read, by prefecture id: the annual cycle of <paramref name="year"/> + 1
    /// assesses it (<see cref="AssessmentResultQueries"/> scopes the read).</summary>
    private async Task<Dictionary<string, PrefectureResult>> ResultsAsync(PartyScope scope, int year, CancellationToken cancellationToken) =>
        (await results.GetAsync(scope, year + 1, cancellationToken: cancellationToken)).ToDictionary(r => r.PrefectureId, StringComparer.Ordinal);

    private static string Verdict(PrefectureResult result) => result.Verdict switch
    {
        PrefectureResult.Held => VerdictMap.Held,
        VerdictMap.Pass or VerdictMap.Fail => result.Verdict,
        _ => VerdictMap.None,
    };

    private static ChartBar? RateBar(Party prefecture, int year, PrefectureResult result, string criterion)
    {
        if (result.Findings.FirstOrDefault(f => f.Criterion == criterion) is not { } finding)
        {
            return null;
        }

        var notApplicable = finding.Outcome == "notApplicable";
        return new ChartBar(prefecture.Id, NameIn(prefecture, year), notApplicable ? null : Fraction(finding.ActualExact) * 100, Fraction(finding.RequiredExact) * 100,
            finding.Outcome == "failed", notApplicable ? "不适用" : null);
    }

    /// <summary>An exact value of the assess contract (`7600/10000`, `3/4`, `0.75`) as a decimal.</summary>
    internal static decimal? Fraction(string? exact)
    {
        if (exact is null)
        {
            return null;
        }

        var parts = exact.Split('/');
        if (parts.Length == 2 && decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
            && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d != 0)
        {
            return Math.Round(n / d, 6);
        }

        return decimal.TryParse(exact, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A target in tonnes: a cap as it is; a change in percent against the ledger's previous year (or the
    /// period's base year) where that year's total is known; otherwise no tonnes, and a note saying why.</summary>
    internal static (decimal? Tonnes, string? Note) TargetTonnes(TargetValue? target, IReadOnlyDictionary<(string, int, string), decimal> totals, PlanPeriod? period)
    {
        if (target is null || !TargetKinds.TryParse(target.Kind, out var kind))
        {
            return (null, "无目标");
        }

        int? reference = kind switch
        {
            TargetKind.ChangeVsPreviousYearPercent => target.Year - 1,
            TargetKind.ChangeVsBaseYearPercent => period?.BaseYear,
            _ => null,
        };
        if (kind == TargetKind.CapTonnes)
        {
            return (target.Value, null);
        }

        var percent = target.Value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture) + "%";
        return reference is { } y && totals.TryGetValue((target.PrefectureId, y, target.Pollutant), out var basis)
            ? (Math.Round(basis * (1 + (target.Value / 100)), 4), (kind == TargetKind.ChangeVsBaseYearPercent ? "较基准年" : "较上年") + percent)
            : (null, "目标" + percent + "，缺少对比年份台账");
    }

    private static decimal? Total(Dictionary<(string, int, string), decimal> totals, string prefectureId, int year, string pollutant) =>
        totals.TryGetValue((prefectureId, year, pollutant), out var total) ? total : null;

    private static Dictionary<(string, int, string), decimal> Totals(IEnumerable<LedgerEntry> entries) =>
        entries.Select(e => e.Value).Where(v => v.Enterprise.Length == 0)
            .GroupBy(v => (v.PrefectureId, v.Year, v.Pollutant))
            .ToDictionary(g => g.Key, g => LedgerTotals.Of(g));

    /// <summary>The years a trend shows: the period's base year to the shown year (at most the period's last).</summary>
    private static List<int> Years(PlanPeriod? period, int year)
    {
        var first = period is null ? year - 4 : Math.Min(period.BaseYear, period.FirstYear);
        var last = period is null ? year : Math.Min(Math.Max(year, period.FirstYear), period.LastYear);
        return Enumerable.Range(first, Math.Max(1, last - first + 1)).ToList();
    }

    private List<Party> Prefectures(PartyScope scope, int year) =>
        parties.PrefecturesOn(new DateOnly(year, 12, 31)).Where(p => ReadsFigures(scope, p.Id)).ToList();

    /// <summary>Whose figures the caller reads: the EPB and the region's bodies every prefecture's, a prefecture its own.</summary>
    private static bool ReadsFigures(PartyScope scope, string prefectureId) =>
        scope.ReadsAssessmentData || scope.Owns(prefectureId);

    private static string NameIn(Party party, int year) => WorkbookContext.NameIn(party, year);
}
