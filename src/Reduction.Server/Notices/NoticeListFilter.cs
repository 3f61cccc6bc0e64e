using System.Globalization;
using System.Text;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Notices;

/// <summary>The notice list's filters as they come in an address (`?recipient=ngari@…&amp;subject=计划&amp;
/// template=reminder&amp;party=ngari&amp;state=failed&amp;from=2016-03-01&amp;to=2016-03-31`), read into a
/// <see cref="NoticeFilter"/>: `recipient` is looked for in the addresses and names the notice went to and in the
/// names of the parties it is addressed to; `from` and `to` are Beijing dates, both inclusive. A value that cannot be
/// read is left out and named in the problem text.</summary>
public static class NoticeListFilter
{
    public const int MaxText = 100;

    public static (NoticeFilter Filter, string? Problem) Parse(string? recipient, string? subject, string? template, string? party, string? state, string? from, string? to, PartyDirectory parties, NoticeTemplateStore templates)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(templates);
        var problems = new List<string>();
        recipient = Text(recipient, "收件人", problems);
        subject = Text(subject, "主题", problems);
        IReadOnlyList<string>? recipientParties = null;
        if (recipient is not null)
        {
            recipientParties = parties.Parties
                .Where(p => p.Id.Equals(recipient, StringComparison.OrdinalIgnoreCase)
                    || p.Names.Any(n => n.Name.Contains(recipient, StringComparison.Ordinal) || n.IssuingBody.Contains(recipient, StringComparison.Ordinal)))
                .Select(p => p.Id).ToList();
        }

        string? templateKey = null;
        if (!string.IsNullOrWhiteSpace(template))
        {
            templateKey = template.Trim();
            if (!NoticeTemplateStore.IsValidKey(templateKey) || !templates.Keys.Contains(templateKey, StringComparer.Ordinal))
            {
                problems.Add("未知的通知类型");
                templateKey = null;
            }
        }

        string? partyId = null;
        if (!string.IsNullOrWhiteSpace(party))
        {
            partyId = party.Length <= MaxText ? parties.FindByName(party)?.Id : null;
            if (partyId is null)
            {
                problems.Add("未知的收件单位");
            }
        }

        var status = NoticeNames.ParseCode(state);
        if (!string.IsNullOrWhiteSpace(state) && status is null)
        {
            problems.Add("未知的发送状态（可用 pending、sent、failed）");
        }

        var first = Date(from, "起始日期", problems);
        var last = Date(to, "截止日期", problems);
        var filter = new NoticeFilter(
            Recipient: recipient,
            RecipientParties: recipientParties,
            Subject: subject,
            TemplateKey: templateKey,
            PartyId: partyId,
            Status: status,
            CreatedFrom: first is { } f ? BeijingTime.StartOfDay(f) : null,
            CreatedTo: last is { } l ? BeijingTime.StartOfDay(l.AddDays(1)) : null);
        return (filter, problems.Count == 0 ? null : $"以下筛选条件无法识别，已忽略：{string.Join("；", problems)}");
    }

    /// <summary>The query string of the same filters (for paging links), starting with `?` when not empty.</summary>
    public static string Query(IEnumerable<(string Key, string? Value)> values, int? page)
    {
        ArgumentNullException.ThrowIfNull(values);
        var pairs = values.Where(v => !string.IsNullOrEmpty(v.Value)).ToList();
        if (page is > 1)
        {
            pairs.Add(("page", page.Value.ToString(CultureInfo.InvariantCulture)));
        }

        if (pairs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("?");
        text.AppendJoin('&', pairs.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return text.ToString();
    }

    private static string? Text(string? value, string label, List<string> problems)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > MaxText)
        {
            problems.Add($"{label}过长（最多 {MaxText} 字）");
            return null;
        }

        return value;
    }

    private static DateOnly? Date(string? text, string label, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"{label}的格式应为 yyyy-MM-dd");
        return null;
    }
}
