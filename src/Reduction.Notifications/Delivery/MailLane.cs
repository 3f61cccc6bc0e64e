namespace Reduction.Notifications.Delivery;

/// <summary>One lane of a <see cref="MailBurst{T}"/>: its own session, opened on first use and kept open for the
/// lane's next items.</summary>
public sealed class MailLane(IMailTransport transport) : IAsyncDisposable
{
    private IMailSession? _session;

    /// <summary>The lane's open session, connecting first if it has none.</summary>
    /// <exception cref="Exception">Connecting or authenticating failed, as <see cref="IMailTransport.OpenAsync"/>.</exception>
    public async Task<IMailSession> SessionAsync(CancellationToken cancellationToken = default) =>
        _session ??= await transport.OpenAsync(cancellationToken);

    /// <summary>Closes the session (after it broke); the lane's next item connects again.</summary>
    public async ValueTask CloseAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => CloseAsync();
}
