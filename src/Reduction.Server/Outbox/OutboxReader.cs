using MimeKit;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Outbox;

/// <summary>The outbox as administrators see it: each row with its message. A message written to the pickup folder
/// is read from there (what went out); otherwise it is composed again, which gives the same message as delivery
/// (same number, link, date and Message-ID).</summary>
public sealed class OutboxReader(NoticeOutbox outbox, NoticeComposer composer, NoticeTemplateStore templates, IMailTransport transport, ILogger<OutboxReader> logger)
{
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(NoticeStatus? status, int take, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        foreach (var notice in await outbox.ListAsync(status, take, cancellationToken))
        {
            entries.Add(await EntryAsync(notice, cancellationToken));
        }

        return entries;
    }

    public async Task<OutboxEntry?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await outbox.GetAsync(id, cancellationToken) is { } notice ? await EntryAsync(notice, cancellationToken) : null;

    public Task<bool> RequeueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) => outbox.RequeueAsync(id, now, cancellationToken);

    private async Task<OutboxEntry> EntryAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        var kindName = KindName(notice.TemplateKey);
        MimeMessage composed;
        try
        {
            composed = await composer.ComposeAsync(notice, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Notice {NoticeId} cannot be composed", notice.Id);
            return new OutboxEntry(notice, null, e.Message, FromPickupFolder: false, kindName);
        }

        if (transport is PickupFolderTransport pickup)
        {
            var file = Path.Combine(pickup.Folder, PickupFolderTransport.FileNameOf(composed));
            if (File.Exists(file))
            {
                var sent = await MimeMessage.LoadAsync(file, cancellationToken);
                return new OutboxEntry(notice, sent, notice.LastError, FromPickupFolder: true, kindName);
            }
        }

        return new OutboxEntry(notice, composed, notice.LastError, FromPickupFolder: false, kindName);
    }

    // A row whose template folder is gone still gets a Chinese label; the problem column says what is wrong.
    private string KindName(string key)
    {
        try
        {
            return templates.GetKind(key).DisplayName;
        }
        catch (NoticeTemplateException)
        {
            return "通知";
        }
    }
}
