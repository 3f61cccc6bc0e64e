using Reduction.Domain.Parties;
using Reduction.Notifications.Delivery;
using Reduction.Server.Admin;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Scheduling;

namespace Reduction.Server.Notices;

/// <summary>An operator's resend of a failed notice, as `POST /api/notices/{id}/resend` and the console's notice page
/// both carry it out: the dead letter goes back to the outbox as the same row (<see cref="NoticeOutbox.RequeueAsync"/>),
/// so delivery composes the same message with the same Message-ID and marks it sent exactly once; the resend is in
/// the notice's history and audited (`notice.resend`, with the reason) in the transaction that requeues it.</summary>
public sealed class NoticeResender(NoticeQueries notices, NoticeOutbox outbox, IWorkflowScheduler scheduler, TimeProvider time)
{
    public const int MaxReasonLength = 500;

    /// <summary>200 queued again; 400 without a reason; 404 no such notice in <paramref name="scope"/>; 409 the notice has
    /// not failed (pending, sent, or resent by someone else a moment ago).</summary>
    public async Task<ActionOutcome> ResendAsync(Guid id, string? reason, PartyScope scope, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reason = reason?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            return new ActionOutcome(StatusCodes.Status400BadRequest, "请填写重新发送的原因");
        }

        if (reason.Length > MaxReasonLength)
        {
            return new ActionOutcome(StatusCodes.Status400BadRequest, $"原因不能超过 {MaxReasonLength} 字");
        }

        if (await notices.GetAsync(scope, id, cancellationToken) is not { } notice)
        {
            return new ActionOutcome(StatusCodes.Status404NotFound, "通知不存在");
        }

        if (notice.Status != NoticeStatus.DeadLetter)
        {
            return NotFailed(notice.Status, notice.Attempts);
        }

        bool requeued;
        using (AuditScope.Record(actor.Entry("notice.resend", "notice", id.ToString(), detail: reason)))
        {
            requeued = await outbox.RequeueAsync(id, time.GetUtcNow().ToUniversalTime(), actor.User, reason, cancellationToken);
        }

        if (!requeued)
        {
            // Another operator's resend (or nothing at all) got there first: this one changes nothing.
            var now = await notices.GetAsync(scope, id, cancellationToken);
            return NotFailed(now?.Status ?? NoticeStatus.Pending, now?.Attempts ?? 0);
        }

        scheduler.EnqueueNotice(id);
        return new ActionOutcome(StatusCodes.Status200OK, "已重新发送：通知已重新排队，将以原 Message-ID 投递");
    }

    private static ActionOutcome NotFailed(NoticeStatus status, int attempts) =>
        new(StatusCodes.Status409Conflict, $"只有发送失败的通知可以重新发送，该通知当前为“{NoticeNames.State(status, attempts)}”");
}
