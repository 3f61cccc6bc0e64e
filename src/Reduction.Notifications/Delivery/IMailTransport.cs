namespace Reduction.Notifications.Delivery;

/// <summary>Where composed messages go: an SMTP server, or the pickup folder when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>Opens one session (one SMTP connection) for a batch of messages.</summary>
    /// <exception cref="Exception">Connecting or authenticating failed (socket, TLS, authentication, protocol errors).</exception>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default);
}
