using MimeKit;

namespace Reduction.Notifications.Delivery;

/// <summary>One open connection that sends messages one after another.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>Hands the message over; returns once the server (or the folder) has accepted it.</summary>
    /// <exception cref="MailKit.Net.Smtp.SmtpCommandException">The server refused the message or a recipient.</exception>
    /// <exception cref="IOException">The connection broke.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
