using System.Collections.Concurrent;
using MimeKit;
using Reduction.Notifications.Delivery;

namespace Reduction.Notifications.Tests.Delivery;

public class MailBurstTests
{
    [Fact]
    public async Task RunAsync_FourConnections_SendsEachItemOnceOverAtMostFourSessionsAtOnce()
    {
        var transport = new RecordingTransport();
        var items = Enumerable.Range(0, 100).Select(i => $"item-{i}@test").ToList();

        await new MailBurst<string>(transport, items, 4).RunAsync(SendAsync);

        Assert.Equal(items.Order(), transport.Sent.Select(s => s.MessageId).Order());
        Assert.InRange(transport.Opened, 2, 4);
        Assert.InRange(transport.MostAtOnce, 2, 4);
        Assert.Equal(0, transport.Open);

        // Each session stays open for its share of the burst.
        Assert.All(transport.Sent.GroupBy(s => s.Session), g => Assert.True(g.Count() > 1));
    }

    [Fact]
    public async Task RunAsync_OneConnection_SendsInOrderOverOneSession()
    {
        var transport = new RecordingTransport();
        var items = Enumerable.Range(0, 10).Select(i => $"item-{i}@test").ToList();

        await new MailBurst<string>(transport, items, 1).RunAsync(SendAsync);

        Assert.Equal(items, transport.Sent.OrderBy(s => s.Order).Select(s => s.MessageId));
        Assert.Equal(1, transport.Opened);
    }

    [Fact]
    public async Task RunAsync_FewerItemsThanConnections_OpensOneSessionPerItemAtMost()
    {
        var transport = new RecordingTransport();

        await new MailBurst<string>(transport, ["a@test", "b@test"], 4).RunAsync(SendAsync);

        Assert.InRange(transport.Opened, 1, 2);
        Assert.Equal(2, transport.Sent.Count);
    }

    [Fact]
    public async Task TakeRest_AfterAFailure_NoOtherLaneStartsTheTakenItems()
    {
        var transport = new RecordingTransport();
        var items = Enumerable.Range(0, 50).Select(i => $"item-{i}@test").ToList();
        var burst = new MailBurst<string>(transport, items, 3);
        var taken = new ConcurrentBag<string>();

        await burst.RunAsync(async (lane, item, cancellationToken) =>
        {
            if (item == "item-5@test")
            {
                foreach (var rest in burst.TakeRest())
                {
                    taken.Add(rest);
                }

                return;
            }

            await SendAsync(lane, item, cancellationToken);
        });

        var sent = transport.Sent.Select(s => s.MessageId).ToList();
        Assert.Empty(sent.Intersect(taken));
        Assert.Equal(items.Where(i => i != "item-5@test").Order(), sent.Concat(taken).Order());
        Assert.NotEmpty(taken);
    }

    private static async Task SendAsync(MailLane lane, string id, CancellationToken cancellationToken)
    {
        var session = await lane.SessionAsync(cancellationToken);
        await session.SendAsync(new MimeMessage { MessageId = id }, cancellationToken);
    }

    private sealed class RecordingTransport : IMailTransport
    {
        private int _opened;
        private int _open;
        private int _mostAtOnce;
        private int _order;

        public ConcurrentBag<(string MessageId, int Session, int Order)> Sent { get; } = [];

        public int Opened => _opened;

        public int Open => _open;

        public int MostAtOnce => _mostAtOnce;

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
        {
            var number = Interlocked.Increment(ref _opened);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = _mostAtOnce) && Interlocked.CompareExchange(ref _mostAtOnce, open, most) != most)
            {
            }

            return Task.FromResult<IMailSession>(new Session(this, number));
        }

        private sealed class Session(RecordingTransport owner, int number) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
            {
                await Task.Delay(2, cancellationToken);
                owner.Sent.Add((message.MessageId ?? string.Empty, number, Interlocked.Increment(ref owner._order)));
            }

            public ValueTask DisposeAsync()
            {
                Interlocked.Decrement(ref owner._open);
                return ValueTask.CompletedTask;
            }
        }
    }
}
