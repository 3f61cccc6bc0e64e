using Reduction.Domain.Calendar;

namespace Reduction.Server.Components.Pages.Console.Overview;

/// <summary>A cycle year's standard deadlines (<see cref="StandardDeadlines"/>) and today on one line over the year.</summary>
public sealed record OverviewTimeline(int Year, IReadOnlyList<OverviewTimeline.Mark> Marks, OverviewTimeline.Mark Today)
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [StandardDeadlines.SelfCheck] = "自查报告报自治区政府（2月底前）",
        [StandardDeadlines.AnnualPlan] = "各地市报送年度计划（3月15日前）",
        [StandardDeadlines.Assessment] = "考核结果报自治区政府审定（4月底前）",
    };

    public static OverviewTimeline Of(int year, DateOnly today, OfficialCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var marks = StandardDeadlines.Keys
            .Select(key => Place(year, Names.GetValueOrDefault(key, key), StandardDeadlines.Get(key).Resolve(new DeadlineContext(year), calendar).DueDate))
            .ToList();
        return new OverviewTimeline(year, marks, Place(year, "今天", today));
    }

    private static Mark Place(int year, string label, DateOnly date)
    {
        var first = new DateOnly(year, 1, 1);
        var days = new DateOnly(year, 12, 31).DayNumber - first.DayNumber;
        var at = Math.Clamp((date.DayNumber - first.DayNumber) * 100.0 / days, 0, 100);
        return new Mark(label, date, at, date.Year == year);
    }

    /// <param name="Percent">Where the date falls on the year's line, 0–100 (clamped: a today outside the year sits at an end).</param>
    /// <param name="InYear">False for a today outside the year.</param>
    public sealed record Mark(string Label, DateOnly Date, double Percent, bool InYear);
}
