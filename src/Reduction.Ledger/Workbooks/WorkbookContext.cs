using System.Globalization;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Ledger.Workbooks;

/// <summary>What an import checks against: the party directory (names valid by date), the plan periods (pollutants,
/// sectors and target kinds by year) and, for a prefecture's own upload, the one prefecture it may write.</summary>
public sealed class WorkbookContext(PartyDirectory parties, PlanPeriodCatalog periods, string? onlyPrefectureId = null)
{
    public PartyDirectory Parties { get; } = parties;

    public PlanPeriodCatalog Periods { get; } = periods;

    public string? OnlyPrefectureId { get; } = onlyPrefectureId;

    /// <summary>The prefecture a name stands for in <paramref name="year"/>, or a Chinese reason: unknown, not a
    /// prefecture, a name that was not valid in that year (日喀则市 for 2013), or another prefecture than the caller's.</summary>
    public (Party? Party, string? Error) Prefecture(string name, int? year)
    {
        var party = Parties.FindByName(name);
        if (party is null || party.Role != PartyRole.Prefecture)
        {
            var known = string.Join("、", Parties.PrefecturesOn(year is { } y ? new DateOnly(y, 12, 31) : DateOnly.FromDateTime(DateTime.Today)).Select(p => NameIn(p, year)));
            return (null, party is null ? $"单位名录中没有地市“{name}”，应为：{known}" : $"“{name}”不是地市级单位，应为：{known}");
        }

        if (year is { } at && !ValidIn(party, name, at, out var window))
        {
            return (null, $"“{name}”是{window}的名称，{at}年应写作“{NameIn(party, at)}”");
        }

        if (OnlyPrefectureId is { } only && party.Id != only)
        {
            var own = Parties.FindById(only);
            return (null, $"只能包含本单位（{(own is null ? only : NameIn(own, year))}）的数据");
        }

        return (party, null);
    }

    /// <summary>The name a prefecture bore at the end of <paramref name="year"/> (its current name without a year).</summary>
    public static string NameIn(Party party, int? year)
    {
        ArgumentNullException.ThrowIfNull(party);
        return year is { } y ? party.NameOn(new DateOnly(y, 12, 31)).Name : party.CurrentName.Name;
    }

    /// <summary>Whether <paramref name="name"/> (or the party's id) was the party's name on some day of the year.</summary>
    private static bool ValidIn(Party party, string name, int year, out string window)
    {
        window = string.Empty;
        if (string.Equals(party.Id, name.Trim(), StringComparison.Ordinal))
        {
            return true;
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var texts = new List<string>();
        for (var i = 0; i < party.Names.Count; i++)
        {
            var entry = party.Names[i];
            if (!string.Equals(entry.Name, name.Trim(), StringComparison.Ordinal))
            {
                continue;
            }

            var until = i + 1 < party.Names.Count ? party.Names[i + 1].ValidFrom.AddDays(-1) : (DateOnly?)null;
            if (entry.ValidFrom <= last && (until is null || until.Value >= first))
            {
                return true;
            }

            texts.Add(until is { } end
                ? string.Create(CultureInfo.InvariantCulture, $"{end.Year}年{end.Month}月{end.Day}日以前")
                : string.Create(CultureInfo.InvariantCulture, $"{entry.ValidFrom.Year}年{entry.ValidFrom.Month}月{entry.ValidFrom.Day}日起"));
        }

        window = string.Join("、", texts);
        return false;
    }

    /// <summary>The plan period of a year, or a Chinese reason.</summary>
    public (PlanPeriod? Period, string? Error) PeriodOf(int year) =>
        Periods.FindByYear(year) is { } period ? (period, null) : (null, string.Create(CultureInfo.InvariantCulture, $"{year}年不在任何规划期内（规划期由系统管理员在“参考数据”中维护）"));
}
