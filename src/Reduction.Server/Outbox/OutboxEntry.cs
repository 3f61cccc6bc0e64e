using MimeKit;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Outbox;

/// <summary>An outbox row with the message it makes (or why it cannot be made) and the zh-CN name of its kind
/// (逾期催报函 for `overdue`).</summary>
public sealed record OutboxEntry(NoticeInfo Notice, MimeMessage? Message, string? Problem, bool FromPickupFolder, string KindName)
{
    public string Subject => Message?.Subject ?? "（无法生成）";

    public string Recipients => Message is null
        ? string.Empty
        : string.Join("、", Message.To.Mailboxes.Select(Name)) + (Message.Cc.Count > 0 ? "；抄送 " + string.Join("、", Message.Cc.Mailboxes.Select(Name)) : string.Empty);

    public string StatusText => Notices.NoticeNames.State(Notice.Status, Notice.Attempts);

    private static string Name(MailboxAddress address) => string.IsNullOrEmpty(address.Name) ? address.Address : $"{address.Name} <{address.Address}>";
}
