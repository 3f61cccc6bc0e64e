using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Reduction.Domain.Calendar;
using Reduction.Domain.Documents;
using Reduction.Notifications.Contacts;
using Reduction.Notifications.Documents;
using Reduction.Notifications.Hosting;
using Reduction.Notifications.Links;
using Reduction.Notifications.Messages;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Delivery;

/// <summary>Turns an outbox row into the e-mail: recipients to parties to addresses, the document number it keeps,
/// the assignee's task link, the rendered document, and the deadline calendar. Composing the same row again gives
/// the same message (same number, link, date and Message-ID).</summary>
public sealed class NoticeComposer(
    NoticeRenderer renderer,
    NoticeAddressing addressing,
    ContactSource contacts,
    DocumentNumberAllocator numbers,
    TaskLinkService links,
    WorkflowDatabase database,
    SmtpOptions smtp,
    NotificationOptions options)
{
    /// <exception cref="NoticeTemplateException">Template or model problem (permanent).</exception>
    /// <exception cref="KeyNotFoundException">Unknown party or role (permanent).</exception>
    /// <exception cref="JsonException">The row's JSON is corrupt (permanent).</exception>
    /// <exception cref="MissingContactException">A recipient has no address (retried).</exception>
    public async Task<MimeMessage> ComposeAsync(NoticeRecord row, CancellationToken cancellationToken = default)
    {
        var kind = renderer.Templates.GetKind(row.TemplateKey);
        var model = JsonNode.Parse(row.ModelJson) as JsonObject ?? throw new NoticeTemplateException("模型不是 JSON 对象 / the model is not a JSON object");
        var roles = JsonSerializer.Deserialize<string[]>(row.RecipientRolesJson) ?? [];
        var parties = JsonSerializer.Deserialize<string[]>(row.RecipientPartiesJson) ?? [];
        var date = BeijingTime.DateOf(row.CreatedAt);
        var recipients = addressing.Resolve(kind, roles, parties, date);
        var directory = contacts.Get();
        List<MailboxAddress> to, cc;
        if (model[NoticeModelKeys.RecipientContact] is JsonObject { } contact && contact["email"]?.GetValue<string>() is { Length: > 0 } email
            && recipients.Principal.Count == 1 && recipients.CopyTo.Count == 0)
        {
            // 转办 to a named contact: that address alone, so the new link reaches no one else of the party.
            (to, cc) = ([new MailboxAddress(contact["name"]?.GetValue<string>() ?? email, email)], []);
        }
        else
        {
            to = Addresses(kind, recipients.Principal.Select(p => p.Id), directory, date);
            cc = Addresses(kind, recipients.CopyTo.Select(p => p.Id), directory, date).Where(c => to.All(t => t.Address != c.Address)).ToList();
        }

        if (to.Count == 0)
        {
            throw new MissingContactException("通知没有收件人 / the notice has no recipients");
        }

        DocumentNumber? number = null;
        if (kind.Series is { } series)
        {
            number = await numbers.AllocateAsync(row.Id, renderer.Templates.IssuerCode(kind.Issuer, series, date), date.Year, cancellationToken);
        }

        var link = await LinkAsync(kind, row, recipients, cancellationToken);
        var withCalendar = DeadlineCalendar.AppliesTo(kind, model);
        var envelope = addressing.Envelope(kind, recipients, date, number, withCalendar, link);
        var notice = renderer.Render(row.TemplateKey, model, envelope);
        var from = MailboxAddress.Parse(smtp.From);
        if (string.IsNullOrEmpty(from.Name))
        {
            from.Name = envelope.Issuer;
        }

        return NoticeMessage.Build(new NoticeMessageParts
        {
            Notice = notice,
            From = from,
            To = to,
            CopyTo = cc,
            IdempotencyKey = row.IdempotencyKey,
            Domain = options.MessageIdDomain,
            Date = row.CreatedAt,
            Calendar = withCalendar ? DeadlineCalendar.ForNotice(model, notice, row.CreatedAt, options.MessageIdDomain) : null,
            NoticeId = row.Id,
        });
    }

    /// <summary>The assignee's link, when the kind carries one and the notice goes to the assignee alone: a link must
    /// never reach anyone else (an escalation copied to supervision carries none).</summary>
    private async Task<NoticeLink?> LinkAsync(NoticeKind kind, NoticeRecord row, NoticeRecipients recipients, CancellationToken cancellationToken)
    {
        if (!kind.TaskLink || row.TaskId is not { } taskId || recipients.CopyTo.Count > 0 || recipients.Principal.Count != 1)
        {
            return null;
        }

        await using (var db = database.CreateContext())
        {
            var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
            if (task is null || task.AssigneePartyId != recipients.Principal[0].Id || task.ClosedAt is not null)
            {
                return null;
            }
        }

        var link = await links.IssueAsync(taskId, cancellationToken);
        return new NoticeLink(link.Url, (int)Math.Round(links.GracePeriod.TotalDays));
    }

    private static List<MailboxAddress> Addresses(NoticeKind kind, IEnumerable<string> partyIds, ContactDirectory directory, DateOnly date)
    {
        var ids = partyIds.ToList();
        if (kind.AdminsOnly && directory.Admins.Count > 0)
        {
            return directory.Admins.Select(c => new MailboxAddress(c.NameOn(date), c.Email)).DistinctBy(a => a.Address).ToList();
        }

        var missing = ids.Where(id => directory.For(id).Count == 0).ToList();
        if (missing.Count > 0)
        {
            throw new MissingContactException($"以下单位没有登记邮箱 / no registered address for: {string.Join(", ", missing)}");
        }

        return ids.SelectMany(directory.For).Select(c => new MailboxAddress(c.NameOn(date), c.Email)).DistinctBy(a => a.Address).ToList();
    }
}
