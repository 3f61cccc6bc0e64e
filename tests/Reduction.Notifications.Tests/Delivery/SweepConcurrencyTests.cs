using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MimeKit;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Tests.Delivery;

/// <summary>Several servers sweep the same PostgreSQL outbox at once.</summary>
public class SweepConcurrencyTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Sweep_FourServersAtOnce_SendEachNoticeExactlyOnce()
    {
        var counter = new CountingTransport();
        await using var host = await NotificationTestHost.CreateAsync(await postgres.CreateDatabaseAsync(), "2015-02-16T09:00", counter,
            new DeliveryOptions { BatchSize = 5 });
        await QueueAlertsAsync(host, 60);

        var attempted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.Delivery.SweepAsync())));

        Assert.Equal(60, attempted.Sum());
        Assert.Equal(60, counter.Sent.Count);
        Assert.All(counter.Sent.GroupBy(id => id), g => Assert.Single(g));
        Assert.All(await host.NoticesAsync(), n => Assert.Equal(NoticeStatus.Sent, n.Status));
    }

    [Fact]
    public async Task Sweep_BurstOverFourConnections_SendsEachNoticeExactlyOnceOverAtMostFourSessions()
    {
        var counter = new CountingTransport();
        await using var host = await NotificationTestHost.CreateAsync(await postgres.CreateDatabaseAsync(), "2015-02-16T09:00", counter,
            new DeliveryOptions { BatchSize = 40, Connections = 4 });
        await QueueAlertsAsync(host, 40);

        Assert.Equal(40, await host.Delivery.SweepAsync());

        Assert.Equal(40, counter.Sent.Count);
        Assert.All(counter.Sent.GroupBy(id => id), g => Assert.Single(g));
        Assert.InRange(counter.Opened, 1, 4);
        Assert.InRange(counter.MostAtOnce, 1, 4);
        var sent = await host.NoticesAsync();
        Assert.All(sent, n => Assert.Equal(NoticeStatus.Sent, n.Status));
        Assert.All(sent, n => Assert.Equal(1, n.Attempts));
    }

    private static async Task QueueAlertsAsync(NotificationTestHost host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await host.Outbox.QueueAsync(new NoticeRecord
            {
                Id = Guid.CreateVersion7(),
                IdempotencyKey = $"sweep-test:{i}",
                TemplateKey = NoticeDelivery.AlertTemplate,
                ModelJson = new JsonObject
                {
                    ["notice_id"] = Guid.NewGuid().ToString(),
                    ["template"] = "reminder",
                    ["idempotency_key"] = $"k{i}",
                    ["attempts"] = 12,
                    ["recipients"] = "lhasa",
                    ["created_at"] = "2015-02-16T09:00:00+08:00",
                    ["last_error"] = "test",
                }.ToJsonString(),
                RecipientRolesJson = "[]",
                RecipientPartiesJson = "[\"epb\"]",
                CreatedAt = host.Clock.GetUtcNow().ToUniversalTime(),
                Status = NoticeStatus.Pending,
                NextAttemptAt = host.Clock.GetUtcNow().ToUniversalTime(),
            });
        }
    }

    private sealed class CountingTransport : IMailTransport
    {
        private int _opened;
        private int _open;
        private int _mostAtOnce;

        public ConcurrentBag<string> Sent { get; } = [];

        public int Opened => _opened;

        public int MostAtOnce => _mostAtOnce;

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opened);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = _mostAtOnce) && Interlocked.CompareExchange(ref _mostAtOnce, open, most) != most)
            {
            }

            return Task.FromResult<IMailSession>(new Session(this));
        }

        private sealed class Session(CountingTransport owner) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
            {
                await Task.Delay(2, cancellationToken);
                owner.Sent.Add(message.MessageId ?? "");
            }

            public ValueTask DisposeAsync()
            {
                Interlocked.Decrement(ref owner._open);
                return ValueTask.CompletedTask;
            }
        }
    }
}
