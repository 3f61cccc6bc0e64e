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
        for (var i = 0; i < 60; i++)
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

        var attempted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.Delivery.SweepAsync())));

        Assert.Equal(60, attempted.Sum());
        Assert.Equal(60, counter.Sent.Count);
        Assert.All(counter.Sent.GroupBy(id => id), g => Assert.Single(g));
        Assert.All(await host.NoticesAsync(), n => Assert.Equal(NoticeStatus.Sent, n.Status));
    }

    private sealed class CountingTransport : IMailTransport
    {
        public ConcurrentBag<string> Sent { get; } = [];

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default) => Task.FromResult<IMailSession>(new Session(this));

        private sealed class Session(CountingTransport owner) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
            {
                await Task.Delay(2, cancellationToken);
                owner.Sent.Add(message.MessageId ?? "");
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
