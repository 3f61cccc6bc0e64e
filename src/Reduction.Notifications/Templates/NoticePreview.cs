using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Reduction.Domain.Calendar;
using Reduction.Domain.Documents;
using Reduction.Notifications.Messages;

namespace Reduction.Notifications.Templates;

/// <summary>A notice rendered from a file instead of an outbox row: what `reduction notices render` and the golden
/// tests use. The file is either the bare model, or an object with `model` and any of `template`, `date`
/// (成文日期, yyyy-MM-dd), `number` (serial, or the whole 文号), `recipientRoles`, `recipientParties`, `link`,
/// `idempotencyKey`.</summary>
public sealed record NoticePreview
{
    public required string TemplateKey { get; init; }

    public required JsonObject Model { get; init; }

    public required DateOnly Date { get; init; }

    public JsonNode? Number { get; init; }

    public IReadOnlyList<string> RecipientRoles { get; init; } = [];

    public IReadOnlyList<string> RecipientParties { get; init; } = [];

    public string? Link { get; init; }

    public string IdempotencyKey { get; init; } = "preview";

    /// <summary>Reads a preview file.</summary>
    /// <param name="templateKey">The template to use; null takes the file's `template`.</param>
    /// <param name="today">The date when the file names none.</param>
    /// <exception cref="FormatException">The file is not such an object; the message says what is wrong.</exception>
    public static NoticePreview Parse(string json, string? templateKey, DateOnly today)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new FormatException("模型文件须为 JSON 对象 / the model file must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"模型文件不是有效的 JSON / the model file is not valid JSON: {e.Message}", e);
        }

        if (root["model"] is not JsonObject model)
        {
            return new NoticePreview
            {
                TemplateKey = templateKey ?? throw new FormatException("未指定模板 / no template given"),
                Model = root,
                Date = today,
            };
        }

        var date = today;
        if (root["date"] is JsonValue dateValue
            && !DateOnly.TryParseExact(dateValue.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            throw new FormatException($"date “{dateValue}” 须为 yyyy-MM-dd / date must be yyyy-MM-dd");
        }

        return new NoticePreview
        {
            TemplateKey = templateKey ?? root["template"]?.GetValue<string>() ?? throw new FormatException("未指定模板 / no template given"),
            Model = model,
            Date = date,
            Number = root["number"]?.DeepClone(),
            RecipientRoles = Strings(root["recipientRoles"]),
            RecipientParties = Strings(root["recipientParties"]),
            Link = root["link"]?.GetValue<string>(),
            IdempotencyKey = root["idempotencyKey"]?.GetValue<string>() ?? "preview",
        };
    }

    /// <summary>Renders the preview. Without a number the serial is 1; without recipients the model's `assignee`.</summary>
    public RenderedNotice Render(NoticeRenderer renderer, NoticeAddressing addressing, int graceDays = 7)
    {
        var kind = renderer.Templates.GetKind(TemplateKey);
        var parties = RecipientParties.Count > 0 || RecipientRoles.Count > 0
            ? RecipientParties
            : Model["assignee"] is JsonValue assignee ? [assignee.ToString()] : [];
        var recipients = addressing.Resolve(kind, RecipientRoles, parties, Date);
        var envelope = addressing.Envelope(kind, recipients, Date, DocumentNumberOf(renderer, kind), DeadlineCalendar.AppliesTo(kind, Model),
            Link is { Length: > 0 } url ? new NoticeLink(url, graceDays) : null);
        return renderer.Render(TemplateKey, Model, envelope);
    }

    /// <summary>The e-mail the notice would be, addressed to placeholder mailboxes (a preview knows no contacts).</summary>
    public MimeMessage ToMessage(RenderedNotice notice, string domain = "reduction.local")
    {
        var stamp = new DateTimeOffset(Date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        return NoticeMessage.Build(new NoticeMessageParts
        {
            Notice = notice,
            From = new MailboxAddress(notice.Envelope.Issuer, $"noreply@{domain}"),
            To = notice.Envelope.To.Select(name => new MailboxAddress(name, $"preview@{domain}")).ToArray(),
            CopyTo = notice.Envelope.CopyTo.Select(name => new MailboxAddress(name, $"preview-cc@{domain}")).ToArray(),
            IdempotencyKey = IdempotencyKey,
            Domain = domain,
            Date = stamp,
            Calendar = DeadlineCalendar.AppliesTo(notice.Kind, Model) ? DeadlineCalendar.ForNotice(Model, notice, stamp, domain) : null,
        });
    }

    private DocumentNumber? DocumentNumberOf(NoticeRenderer renderer, NoticeKind kind)
    {
        if (kind.Series is null)
        {
            return null;
        }

        if (Number is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return DocumentNumber.Parse(text);
        }

        var serial = Number is JsonValue n && int.TryParse(n.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 1;
        return new DocumentNumber(renderer.Templates.IssuerCode(kind.Issuer, kind.Series, Date), Date.Year, serial);
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item?.ToString() ?? string.Empty).Where(s => s.Length > 0).ToArray() : [];

    /// <summary>The Beijing date today, for previews that name no date.</summary>
    public static DateOnly Today(TimeProvider time) => BeijingTime.DateOf(time.GetUtcNow().ToUniversalTime());
}
