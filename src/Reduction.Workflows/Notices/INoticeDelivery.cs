namespace Reduction.Workflows.Notices;

/// <summary>Delivers notice outbox rows. Called by notice jobs with a row's id, or to deliver whatever is due; must be
/// idempotent (a job can run twice, several at once) and keep each row's status, attempts and back-off itself.</summary>
public interface INoticeDelivery
{
    /// <summary>Delivers the notice if it is still pending and due; does nothing otherwise.</summary>
    Task DeliverAsync(Guid noticeId, CancellationToken cancellationToken = default);

    /// <summary>Delivers every pending notice that is due now (new ones, retries whose back-off has passed, rows whose
    /// sender died), batch by batch; returns how many rows were attempted. Safe on several servers at once.</summary>
    Task<int> DeliverDueAsync(CancellationToken cancellationToken = default);
}
