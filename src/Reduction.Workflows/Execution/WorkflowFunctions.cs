using System.Globalization;
using Reduction.Domain.Calendar;
using Scriban.Runtime;

namespace Reduction.Workflows.Execution;

/// <summary>Functions expressions may call, over the domain's calendar and parties (pure, no I/O).</summary>
internal static class WorkflowFunctions
{
    public static IReadOnlyDictionary<string, object?> Create(WorkflowRuntime runtime) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        // prefectures_on "2015-02-16" -> [{id, name, issuing_body}] valid that day
        ["prefectures_on"] = DelegateCustomFunction.CreateFunc((string date) =>
        {
            var day = ParseDate(date);
            var list = new ScriptArray();
            foreach (var party in runtime.Parties.PrefecturesOn(day))
            {
                var name = party.NameOn(day);
                list.Add(new ScriptObject { ["id"] = party.Id, ["name"] = name.Name, ["issuing_body"] = name.IssuingBody });
            }

            return list;
        }),
        // party_name "shigatse" "2013-05-01" -> 日喀则地区
        ["party_name"] = DelegateCustomFunction.CreateFunc((string id, string date) =>
            runtime.Parties.GetById(id).NameOn(ParseDate(date)).Name),
        // deadline "day:03-15" 2015 -> 2015-03-15T23:59:59+08:00
        ["deadline"] = DelegateCustomFunction.CreateFunc((string rule, int year) =>
            Iso(DeadlineRule.Parse(rule).Resolve(new DeadlineContext(year), runtime.Calendar).DueInstant)),
        ["is_working_day"] = DelegateCustomFunction.CreateFunc((string date, string key) =>
            runtime.Calendar.IsWorkingDay(ParseDate(date), string.IsNullOrEmpty(key) ? null : key)),
        ["add_working_days"] = DelegateCustomFunction.CreateFunc((string date, int days, string key) =>
            runtime.Calendar.AddWorkingDays(ParseDate(date), days, string.IsNullOrEmpty(key) ? null : key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    };

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"“{text}”不是日期（yyyy-MM-dd） / '{text}' is not a date");

    internal static string Iso(DateTimeOffset instant) =>
        BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
