using Hangfire;
using Reduction.Workflows.Notices;

namespace Reduction.Workflows.Scheduling;

/// <summary>Delivers one notice outbox row through <see cref="INoticeDelivery"/>.</summary>
public sealed class NoticeJob(INoticeDelivery delivery)
{
    // Delivery keeps attempts, back-off and dead-lettering on the outbox row itself; Hangfire retries on top would
    // multiply attempts behind its back.
    [AutomaticRetry(Attempts = 0)]
    public Task ExecuteAsync(Guid id, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(id, cancellationToken);
}
