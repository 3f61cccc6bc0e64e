using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Notices;

/// <summary>The Chinese words of notices: a kind's name from its template folder (`name` in `notice.json`), the
/// delivery states, and the state codes of the API and the filters (`pending`, `sent`, `failed`).</summary>
public static class NoticeNames
{
    /// <summary>逾期催报函 for `overdue`; 通知 for a kind whose folder is gone (never the key).</summary>
    public static string Kind(NoticeTemplateStore templates, string key)
    {
        ArgumentNullException.ThrowIfNull(templates);
        try
        {
            return templates.GetKind(key).DisplayName;
        }
        catch (NoticeTemplateException)
        {
            return "通知";
        }
    }

    /// <summary>Every kind with its name, by name, for a filter's choices.</summary>
    public static IReadOnlyList<(string Key, string Name)> Kinds(NoticeTemplateStore templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return templates.Keys.Select(k => (k, Kind(templates, k))).OrderBy(k => k.Item2, StringComparer.Ordinal).ToList();
    }

    /// <summary>The addresses a notice went to; before delivery composed it, the names of the parties and roles it is
    /// addressed to on <paramref name="date"/>.</summary>
    public static string Recipients(NoticeInfo notice, PartyDirectory parties, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(parties);
        return notice.Recipients is { Length: > 0 } recipients
            ? recipients
            : string.Join("、", notice.RecipientParties.Select(id => parties.FindById(id)?.NameOn(date).Name ?? id)
                .Concat(notice.RecipientRoles.Select(r => parties.RoleNameOn(r, date))));
    }

    public static string State(NoticeStatus status, int attempts) => status switch
    {
        NoticeStatus.Pending => attempts > 0 ? "重试中" : "待发送",
        NoticeStatus.Sent => "已发送",
        _ => "发送失败",
    };

    public static string Code(NoticeStatus status) => status switch
    {
        NoticeStatus.Pending => "pending",
        NoticeStatus.Sent => "sent",
        _ => "failed",
    };

    public static NoticeStatus? ParseCode(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "pending" => NoticeStatus.Pending,
        "sent" => NoticeStatus.Sent,
        "failed" or "deadletter" => NoticeStatus.DeadLetter,
        _ => null,
    };

    /// <summary>A history line's event: 发送成功, 发送失败, 重新发送.</summary>
    public static string Attempt(string outcome) => outcome switch
    {
        NoticeAttemptRecord.Sent => "发送成功",
        NoticeAttemptRecord.Failed => "发送失败",
        NoticeAttemptRecord.Resent => "重新发送",
        _ => outcome,
    };
}
