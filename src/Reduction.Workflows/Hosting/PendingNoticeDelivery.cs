using Reduction.Workflows.Notices;

namespace Reduction.Workflows.Hosting;

/// <summary>Default until a mail module registers real delivery: leaves the outbox row pending, so nothing is lost
/// and the row is delivered once delivery exists.</summary>
internal sealed class PendingNoticeDelivery : INoticeDelivery
{
    public Task DeliverAsync(Guid noticeId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> DeliverDueAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
}
