using MimeKit;
using Reduction.Domain.Parties;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Outbox;

/// <summary>The outbox as administrators see it: each row with its message. A message written to the pickup folder
/// is read from there (what went out); otherwise it is composed again, which gives the same message as delivery
/// (same number, link, date and Message-ID). Only the notices of the caller's scope (<see cref="NoticeQueries"/>).</summary>
public sealed class OutboxReader(NoticeQueries notices, NoticeOutbox outbox, NoticeComposer composer, NoticeTemplateStore templates, IMailTransport transport, ILogger<OutboxReader> logger)
{
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(PartyScope scope, NoticeStatus? status, int take, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        foreach (var notice in await notices.ListAsync(scope, status, take, cancellationToken))
        {
            entries.Add(await EntryAsync(notice, cancellationToken));
        }

        return entries;
    }

    /// <summary>Null when there is no such notice or it is outside <paramref name="scope"/>.</summary>
    public async Task<OutboxEntry?> GetAsync(PartyScope scope, Guid id, CancellationToken cancellationToken) =>
        await notices.GetAsync(scope, id, cancellationToken) is { } notice ? await EntryAsync(notice, cancellationToken) : null;

    private async Task<OutboxEntry> EntryAsync(NoticeInfo notice, CancellationToken cancellationToken)
    {
        var kindName = Notices.NoticeNames.Kind(templates, notice.TemplateKey);
        MimeMessage composed;
        try
        {
            // Composing is delivery's own work on the stored row; the scoped read above decided that it may be shown.
            var row = await outbox.GetAsync(notice.Id, cancellationToken) ?? throw new InvalidOperationException($"notice {notice.Id} is gone");
            composed = await composer.ComposeAsync(row, cancellationToken);
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
}
