using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Calendar;

/// <summary>A year of the running calendar for one party (or region-wide): every date with working or not and the
/// layer that decided, the stored arrangements of the year and their versions. Shared by `GET /api/calendar/{year}` and
/// the console's calendar page.</summary>
public static class CalendarYearView
{
    /// <summary>The calendar key a party's working days are counted in: its id for a prefecture, else region-wide (null).</summary>
    public static string? KeyOf(Party? party) => party is { Role: PartyRole.Prefecture } ? party.Id : null;

    /// <summary>Said when the year has no national arrangement.</summary>
    public static string MissingMessage(int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{year} 年的国务院节假日安排尚未录入：该年的工作日无法计算。请系统管理员在“日历”页面录入或导入（PUT /api/calendar/national/{year}）。");

    /// <summary>The layer's name on the wire.</summary>
    public static string Wire(CalendarLayer layer) => layer switch
    {
        CalendarLayer.National => "national",
        CalendarLayer.Regional => "regional",
        CalendarLayer.Prefecture => "prefecture",
        _ => "week",
    };

    /// <summary>The layer's name for people.</summary>
    public static string Chinese(CalendarLayer layer) => layer switch
    {
        CalendarLayer.National => "国家安排",
        CalendarLayer.Regional => "全区安排",
        CalendarLayer.Prefecture => "地市安排",
        _ => "周末/工作日",
    };

    /// <inheritdoc cref="Chinese(CalendarLayer)"/>
    public static string Chinese(CalendarLayerKind layer) => layer switch
    {
        CalendarLayerKind.National => "国家安排",
        CalendarLayerKind.Regional => "全区安排",
        _ => "地市安排",
    };

    /// <summary>Every date of the year in the party's calendar, or empty when the year has no national arrangement.</summary>
    public static IReadOnlyList<CalendarDay> Days(OfficialCalendar calendar, int year, string? calendarKey)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!calendar.HasNationalYear(year))
        {
            return [];
        }

        var days = new List<CalendarDay>(366);
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            days.Add(calendar.Explain(day, calendarKey));
        }

        return days;
    }

    /// <summary>The answer of `GET /api/calendar/{year}`.</summary>
    public static async Task<Dictionary<string, object?>> BuildAsync(CalendarStore store, int year, Party? party, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var key = KeyOf(party);
        var days = Days(store.Calendar, year, key);
        var entries = (await store.ListAsync(year, cancellationToken)).Where(e => Concerns(e, key)).ToList();
        var history = (await store.HistoryAsync(year, cancellationToken)).Where(e => Concerns(e, key)).ToList();
        var answer = new Dictionary<string, object?>
        {
            ["year"] = year,
            ["party"] = party is null ? null : new Dictionary<string, object?> { ["id"] = party.Id, ["name"] = party.NameOn(new DateOnly(year, 12, 31)).Name },
            ["calendarKey"] = key,
            ["hasNationalArrangement"] = days.Count > 0,
        };
        if (days.Count == 0)
        {
            answer["message"] = MissingMessage(year);
        }

        answer["workingDays"] = days.Count(d => d.IsWorkingDay);
        answer["days"] = days.Select(d => new Dictionary<string, object?>
        {
            ["date"] = Text(d.Date),
            ["working"] = d.IsWorkingDay,
            ["layer"] = Wire(d.Layer),
            ["name"] = d.Name,
            ["adjusted"] = d.IsAdjusted,
        }).ToList();
        answer["entries"] = entries.Select(Entry).ToList();
        answer["history"] = history.Select(Entry).ToList();
        return answer;
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool Concerns(CalendarEntry entry, string? key) =>
        entry.Layer != CalendarLayerKind.Prefecture || key is null || entry.CalendarKey == key;

    private static Dictionary<string, object?> Entry(CalendarEntry entry) => new()
    {
        ["layer"] = CalendarStore.Wire(entry.Layer),
        ["party"] = entry.CalendarKey,
        ["year"] = entry.Year,
        ["version"] = entry.Version,
        ["source"] = entry.Source,
        ["via"] = entry.Via,
        ["changedBy"] = entry.ChangedBy,
        ["changedAt"] = entry.ChangedAt,
        ["holidays"] = entry.Arrangement.DaysOff.OrderBy(d => d.Key).ToDictionary(d => Text(d.Key), d => d.Value),
        ["workdays"] = entry.Arrangement.WorkingDays.OrderBy(d => d.Key).ToDictionary(d => Text(d.Key), d => d.Value),
    };
}
