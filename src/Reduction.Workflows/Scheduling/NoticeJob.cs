using Hangfire;
using Reduction.Workflows.Notices;

namespace Reduction.Workflows.Scheduling;

/// <summary>Delivers notice outbox rows through <see cref="INoticeDelivery"/>: every due row (the job the scheduler
/// creates for the notices handed to it), or one row by id (jobs queued by earlier releases).</summary>
public sealed class NoticeJob(INoticeDelivery delivery)
{
    // Delivery keeps attempts, back-off and dead-lettering on the outbox row itself; Hangfire retries on top would
    // multiply attempts behind its back.
    [AutomaticRetry(Attempts = 0)]
    public Task ExecuteAsync(Guid id, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(id, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    public Task DeliverDueAsync(CancellationToken cancellationToken) =>
        delivery.DeliverDueAsync(cancellationToken);
}
