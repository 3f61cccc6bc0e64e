using System.Globalization;
using System.Text;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Tasks;

/// <summary>The task list's filters as they come in an address (`?year=2016&amp;kind=annual-plan&amp;party=ngari&amp;
/// state=overdue&amp;from=2016-03-01&amp;to=2016-04-01&amp;overdue=true`), read into a <see cref="TaskFilter"/>; a value that
/// cannot be read is left out and named in the problem text rather than failing the page.</summary>
public static class TaskListFilter
{
    public static (TaskFilter Filter, string? Problem) Parse(int? year, string? kind, string? party, string? state, string? from, string? to, bool overdue, PartyDirectory parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var problems = new List<string>();
        DateTimeOffset? dueFrom = null;
        DateTimeOffset? dueTo = null;
        if (year is { } y)
        {
            if (y is >= 2000 and <= 2100)
            {
                dueFrom = BeijingTime.StartOfDay(new DateOnly(y, 1, 1));
                dueTo = BeijingTime.StartOfDay(new DateOnly(y + 1, 1, 1));
            }
            else
            {
                problems.Add("年度应在 2000 至 2100 之间");
            }
        }

        if (Date(from, "期限不早于", problems) is { } first)
        {
            dueFrom = Later(dueFrom, BeijingTime.StartOfDay(first));
        }

        if (Date(to, "期限早于", problems) is { } last)
        {
            var end = BeijingTime.StartOfDay(last);
            dueTo = dueTo is { } bound && bound < end ? bound : end;
        }

        TaskState? status = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (Enum.TryParse<TaskState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                status = parsed;
            }
            else
            {
                problems.Add("未知的任务状态");
            }
        }

        string? partyId = null;
        if (!string.IsNullOrEmpty(party))
        {
            partyId = parties.FindByName(party)?.Id;
            if (partyId is null)
            {
                problems.Add("未知的承办单位");
            }
        }

        var filter = new TaskFilter(
            AssigneePartyId: partyId,
            Kind: string.IsNullOrEmpty(kind) || kind.Length > 64 ? null : kind,
            Status: status,
            Overdue: overdue,
            DueFrom: dueFrom,
            DueTo: dueTo);
        return (filter, problems.Count == 0 ? null : $"以下筛选条件无法识别，已忽略：{string.Join("；", problems)}");
    }

    /// <summary>The query string of the same filters (for paging and export links), starting with `?` when not empty.</summary>
    public static string Query(int? year, string? kind, string? party, string? state, string? from, string? to, bool overdue, int? page)
    {
        var pairs = new List<(string Key, string Value)>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add((key, value));
            }
        }

        Add("year", year?.ToString(CultureInfo.InvariantCulture));
        Add("kind", kind);
        Add("party", party);
        Add("state", state);
        Add("from", from);
        Add("to", to);
        Add("overdue", overdue ? "true" : null);
        Add("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null);
        if (pairs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("?");
        text.AppendJoin('&', pairs.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return text.ToString();
    }

    private static DateOnly? Date(string? text, string label, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"{label}的日期格式应为 yyyy-MM-dd");
        return null;
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
