using System.Text.Json;
using System.Text.Json.Nodes;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Reduction.Notifications.Hosting;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Notifications.Delivery;

/// <summary>Delivers notice outbox rows by e-mail. A notice job claims the due rows (up to the batch size at a time)
/// and sends them over a few connections at once (<see cref="DeliveryOptions.Connections"/>, each kept open across its
/// share of the batch); the sweep does the same for retries and lost jobs. Each failed
/// attempt is recorded on the row with the next attempt time (exponential back-off); after the last attempt the row
/// is dead-lettered and the administrators are alerted. A row is marked sent exactly once. If the process dies after
/// the server accepted a message but before the row is marked, the lease runs out and the message is sent again,
/// identical and with the same Message-ID, so receivers can drop the duplicate.</summary>
public sealed class NoticeDelivery(
    NoticeOutbox outbox,
    NoticeComposer composer,
    IMailTransport transport,
    DeliveryOptions options,
    NotificationOptions notifications,
    TimeProvider time,
    IWorkflowScheduler? scheduler = null,
    ILogger<NoticeDelivery>? logger = null) : INoticeDelivery
{
    public const string AlertTemplate = "delivery-failed";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task DeliverAsync(Guid noticeId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        if (!await outbox.TryClaimAsync(noticeId, now, now + options.Lease, cancellationToken))
        {
            return;
        }

        var burst = await outbox.ClaimDueAsync(now, now + options.Lease, Math.Max(0, options.BatchSize - 1), cancellationToken);
        await SendAsync([noticeId, .. burst], cancellationToken);
    }

    /// <summary>The notice job's way in: the same as <see cref="SweepAsync"/>.</summary>
    public Task<int> DeliverDueAsync(CancellationToken cancellationToken = default) => SweepAsync(cancellationToken);

    /// <summary>Sends every due row (new rows, retries whose back-off has passed, rows whose job was lost or whose sender
    /// died), batch by batch; returns how many rows were attempted. Safe on several servers at once.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (var round = 0; round < 50; round++)
        {
            var now = time.GetUtcNow().ToUniversalTime();
            var batch = await outbox.ClaimDueAsync(now, now + options.Lease, Math.Max(1, options.BatchSize), cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            total += batch.Count;
            await SendAsync(batch, cancellationToken);
        }

        return total;
    }

    private Task SendAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var burst = new MailBurst<Guid>(transport, ids, options.Connections);
        return burst.RunAsync((lane, id, token) => SendAsync(burst, lane, id, token), cancellationToken);
    }

    private async Task SendAsync(MailBurst<Guid> burst, MailLane lane, Guid id, CancellationToken cancellationToken)
    {
        var row = await outbox.GetAsync(id, cancellationToken);
        if (row is not { Status: NoticeStatus.Pending })
        {
            return;
        }

        MimeMessage message;
        try
        {
            message = await composer.ComposeAsync(row, cancellationToken);
        }
        catch (Exception e) when (e is NoticeTemplateException or KeyNotFoundException or JsonException or InvalidOperationException)
        {
            await FailAsync(row, $"无法生成通知 / cannot compose: {e.Message}", permanent: true, null, cancellationToken);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Missing contacts, a broken contacts file, a bad sender address, the database away for a moment:
            // recorded and retried, so a fix (or time) lets the next attempt through.
            await FailAsync(row, e.Message, permanent: false, null, cancellationToken);
            return;
        }

        IMailSession session;
        try
        {
            session = await lane.SessionAsync(cancellationToken);
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // No server: this row and the rest of the burst no lane has started wait for their next attempt.
            var error = $"连接邮件服务器失败 / could not connect: {e.Message}";
            await FailAsync(row, error, permanent: false, null, cancellationToken);
            foreach (var rest in burst.TakeRest())
            {
                if (await outbox.GetAsync(rest, cancellationToken) is { Status: NoticeStatus.Pending } pending)
                {
                    await FailAsync(pending, error, permanent: false, null, cancellationToken);
                }
            }

            return;
        }

        try
        {
            await session.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            await FailAsync(row, $"邮件服务器拒收 / rejected ({(int)e.StatusCode}): {e.Message}", permanent: true, message, cancellationToken);
            return;
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(row, $"发送失败 / sending failed: {e.Message}", permanent: false, message, cancellationToken);
            await lane.CloseAsync();
            return;
        }

        if (await outbox.MarkSentAsync(row.Id, time.GetUtcNow().ToUniversalTime(), NoticeHeadline.Of(message), cancellationToken))
        {
            _logger.LogInformation("Notice {NoticeId} ({Template}) sent as {MessageId}", row.Id, row.TemplateKey, message.MessageId);
        }
    }

    /// <summary>`lhasa、shigatse；角色 epb、drc` for the alert.</summary>
    private static string Recipients(NoticeRecord row)
    {
        var parties = JsonSerializer.Deserialize<string[]>(row.RecipientPartiesJson) ?? [];
        var roles = JsonSerializer.Deserialize<string[]>(row.RecipientRolesJson) ?? [];
        var text = string.Join("、", parties);
        return roles.Length == 0 ? text : $"{text}{(text.Length > 0 ? "；" : string.Empty)}角色 {string.Join("、", roles)}";
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or MailKit.Security.AuthenticationException
            or System.Security.Authentication.AuthenticationException or TimeoutException or OperationCanceledException;

    private async Task FailAsync(NoticeRecord row, string error, bool permanent, MimeMessage? message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var dead = permanent || row.Attempts >= options.MaxAttempts;
        var headline = message is null ? null : NoticeHeadline.Of(message);
        await outbox.RecordFailureAsync(row.Id, error, dead ? null : now + options.BackoffAfter(row.Attempts), now, headline, cancellationToken);
        if (!dead)
        {
            _logger.LogWarning("Notice {NoticeId} attempt {Attempt} failed, retrying: {Error}", row.Id, row.Attempts, error);
            return;
        }

        _logger.LogError("Notice {NoticeId} ({Template}) dead-lettered after {Attempts} attempts: {Error}", row.Id, row.TemplateKey, row.Attempts, error);
        if (row.TemplateKey == AlertTemplate)
        {
            return; // an alert about an alert would loop
        }

        var alert = new NoticeRecord
        {
            Id = Guid.CreateVersion7(),
            IdempotencyKey = $"dead-letter:{row.Id:N}:{now.UtcTicks}",
            TemplateKey = AlertTemplate,
            ModelJson = new JsonObject
            {
                ["notice_id"] = row.Id.ToString(),
                ["template"] = row.TemplateKey,
                ["idempotency_key"] = row.IdempotencyKey,
                ["attempts"] = row.Attempts,
                ["recipients"] = Recipients(row),
                ["created_at"] = row.CreatedAt.ToString("O"),
                ["last_error"] = error,
            }.ToJsonString(),
            RecipientRolesJson = "[]",
            RecipientPartiesJson = JsonSerializer.Serialize(new[] { notifications.AlertParty }),
            InstanceId = row.InstanceId,
            CreatedAt = now,
            Status = NoticeStatus.Pending,
            NextAttemptAt = now,
        };
        if (await outbox.QueueAsync(alert, cancellationToken) is { } alertId)
        {
            scheduler?.EnqueueNotice(alertId);
        }
    }
}
