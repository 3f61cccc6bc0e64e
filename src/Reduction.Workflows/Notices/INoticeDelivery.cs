namespace Reduction.Workflows.Notices;

/// <summary>Delivers one notice outbox row. Called by the notice job with the row's id only; must be idempotent
/// (a job can run twice) and keep the row's status, attempts and back-off itself.</summary>
public interface INoticeDelivery
{
    /// <summary>Delivers the notice if it is still pending and due; does nothing otherwise.</summary>
    Task DeliverAsync(Guid noticeId, CancellationToken cancellationToken = default);
}
