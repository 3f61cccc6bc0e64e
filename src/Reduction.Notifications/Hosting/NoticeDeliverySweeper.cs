using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reduction.Notifications.Delivery;

namespace Reduction.Notifications.Hosting;

/// <summary>Runs <see cref="NoticeDelivery.SweepAsync"/> every <see cref="DeliveryOptions.SweepInterval"/>, at once on
/// start so notices left pending while the server was down go out. Every server may run it: rows are claimed.</summary>
internal sealed class NoticeDeliverySweeper(NoticeDelivery delivery, DeliveryOptions options, TimeProvider time, ILogger<NoticeDeliverySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SweepInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.SweepInterval, time);
        do
        {
            try
            {
                var count = await delivery.SweepAsync(stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("Notice sweep attempted {Count} due notices", count);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // One failed sweep (database briefly away) must not stop the next ones.
                logger.LogWarning(e, "Notice sweep failed; retrying in {Interval}", options.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
