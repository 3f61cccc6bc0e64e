using MimeKit;
using Reduction.Notifications.Messages;

namespace Reduction.Notifications.Delivery;

/// <summary>Writes each message as an .eml file (the development default, and what an outbox page lists). The file
/// name comes from the message's Date and Message-ID, so a re-sent notice replaces its own file.</summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(new Session(Folder));
    }

    /// <summary>`yyyyMMdd'T'HHmmss-{first 16 hex of the Message-ID}.eml`, UTC.</summary>
    public static string FileNameOf(MimeMessage message)
    {
        var id = message.MessageId ?? MessageIds.Hash(message.Subject ?? string.Empty);
        var stem = id.Split('@')[0];
        return $"{message.Date.UtcDateTime:yyyyMMdd'T'HHmmss}-{stem[..Math.Min(16, stem.Length)]}.eml";
    }

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            var path = Path.Combine(folder, FileNameOf(message));
            var temporary = path + ".tmp";
            await using (var stream = File.Create(temporary))
            {
                await message.WriteToAsync(stream, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
