using MimeKit;
using Reduction.Notifications.Templates;

namespace Reduction.Notifications.Messages;

/// <summary>Everything <see cref="NoticeMessage.Build"/> needs besides the rendered notice.</summary>
public sealed record NoticeMessageParts
{
    public required RenderedNotice Notice { get; init; }

    public required MailboxAddress From { get; init; }

    public required IReadOnlyList<MailboxAddress> To { get; init; }

    public IReadOnlyList<MailboxAddress> CopyTo { get; init; } = [];

    /// <summary>Gives the Message-ID and the MIME boundaries.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Right-hand side of Message-IDs and calendar UIDs.</summary>
    public required string Domain { get; init; }

    /// <summary>The Date header: when the workflow queued the notice, the same on every attempt.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The deadline calendar (.ics bytes), if the notice carries one.</summary>
    public byte[]? Calendar { get; init; }

    public Guid? NoticeId { get; init; }
}
