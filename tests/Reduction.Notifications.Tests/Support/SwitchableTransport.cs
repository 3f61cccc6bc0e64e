using Reduction.Notifications.Delivery;

namespace Reduction.Notifications.Tests.Support;

/// <summary>A transport a test can swap (a server that is down, then up) and whose sessions it can count.</summary>
internal sealed class SwitchableTransport(IMailTransport inner) : IMailTransport
{
    private int _sessions;

    public IMailTransport Inner { get; set; } = inner;

    public int Sessions => _sessions;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _sessions);
        return Inner.OpenAsync(cancellationToken);
    }
}
