using System.Text;
using MimeKit;
using Reduction.Notifications.Templates;

namespace Reduction.Notifications.Messages;

/// <summary>Builds the e-mail of a rendered notice: text and HTML alternatives, the deadline calendar when given,
/// a Message-ID from the idempotency key, and MIME boundaries derived from it too, so a re-sent notice is the same
/// message byte for byte.</summary>
public static class NoticeMessage
{
    public const string NoticeIdHeader = "X-Reduction-Notice";
    public const string TemplateHeader = "X-Reduction-Template";
    public const string DocumentNumberHeader = "X-Reduction-Document-Number";

    public static MimeMessage Build(NoticeMessageParts parts)
    {
        var notice = parts.Notice;
        var hash = MessageIds.Hash(parts.IdempotencyKey);
        var message = new MimeMessage
        {
            MessageId = MessageIds.For(parts.IdempotencyKey, parts.Domain),
            Date = parts.Date,
            Subject = notice.Subject,
        };
        message.From.Add(parts.From);
        message.To.AddRange(parts.To);
        message.Cc.AddRange(parts.CopyTo);

        // Sent by a program on behalf of the authority: tells auto-responders not to answer (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (parts.NoticeId is { } id)
        {
            message.Headers.Add(NoticeIdHeader, id.ToString());
        }

        message.Headers.Add(TemplateHeader, notice.Kind.Key);
        if (notice.Envelope.Number is { } number)
        {
            message.Headers.Add(new Header(Encoding.UTF8, DocumentNumberHeader, number.ToString()));
        }

        var alternative = new MultipartAlternative { Boundary = $"=_alt_{hash[..24]}" };
        alternative.Add(Text("plain", notice.Text));
        alternative.Add(Text("html", notice.Html));
        if (parts.Calendar is null)
        {
            message.Body = alternative;
            return message;
        }

        var calendar = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(parts.Calendar)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = NoticeAddressing.CalendarFileName,
        };
        calendar.ContentType.Charset = "utf-8";
        calendar.ContentType.Parameters.Add("method", "PUBLISH");
        message.Body = new Multipart("mixed") { Boundary = $"=_mix_{hash[..24]}" }.Also(alternative, calendar);
        return message;
    }

    private static TextPart Text(string subtype, string text)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static Multipart Also(this Multipart multipart, params MimeEntity[] entities)
    {
        foreach (var entity in entities)
        {
            multipart.Add(entity);
        }

        return multipart;
    }
}
