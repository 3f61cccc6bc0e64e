using MimeKit;

namespace Reduction.Notifications.Delivery;

/// <summary>What the outbox keeps of a composed message for searching: its subject and its addresses
/// (`名称 &lt;address&gt;`, principal recipients first, then the copies).</summary>
public sealed record NoticeHeadline(string Subject, string Recipients)
{
    public static NoticeHeadline Of(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var addresses = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
            .Select(a => string.IsNullOrEmpty(a.Name) ? a.Address : $"{a.Name} <{a.Address}>");
        return new NoticeHeadline(message.Subject ?? string.Empty, string.Join("、", addresses));
    }
}
