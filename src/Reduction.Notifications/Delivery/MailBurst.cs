namespace Reduction.Notifications.Delivery;

/// <summary>A burst of items sent over up to <c>connections</c> sessions of one transport at once. Each lane keeps its
/// session open across the items it takes; lanes take items from one shared queue, so every item goes to exactly one
/// lane. To a relay close by, the time per message is mostly the server's turn-around (it writes the message before
/// it answers), and lanes overlap those waits.</summary>
public sealed class MailBurst<T>(IMailTransport transport, IReadOnlyList<T> items, int connections)
{
    private int _next = -1;

    /// <summary>Runs <paramref name="deliver"/> once for every item, on up to <c>connections</c> lanes at once;
    /// returns when every lane has finished and closed its session.</summary>
    /// <exception cref="Exception">What <paramref name="deliver"/> threw; the other lanes finish their items first.</exception>
    public async Task RunAsync(Func<MailLane, T, CancellationToken, Task> deliver, CancellationToken cancellationToken = default)
    {
        var lanes = Math.Clamp(connections, 1, Math.Max(1, items.Count));
        if (lanes == 1)
        {
            await RunLaneAsync(deliver, cancellationToken);
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(() => RunLaneAsync(deliver, cancellationToken), cancellationToken)));
    }

    /// <summary>Takes every item no lane has started, so none of them will be (the server cannot be reached).</summary>
    public IReadOnlyList<T> TakeRest()
    {
        var rest = new List<T>();
        while (TryTake(out var item))
        {
            rest.Add(item);
        }

        return rest;
    }

    private bool TryTake(out T item)
    {
        var index = Interlocked.Increment(ref _next);
        if (index < items.Count)
        {
            item = items[index];
            return true;
        }

        item = default!;
        return false;
    }

    private async Task RunLaneAsync(Func<MailLane, T, CancellationToken, Task> deliver, CancellationToken cancellationToken)
    {
        await using var lane = new MailLane(transport);
        while (TryTake(out var item))
        {
            await deliver(lane, item, cancellationToken);
        }
    }
}
