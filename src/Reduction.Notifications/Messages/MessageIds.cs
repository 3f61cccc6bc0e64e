using System.Security.Cryptography;
using System.Text;

namespace Reduction.Notifications.Messages;

/// <summary>Message-IDs derived from a notice's idempotency key: however often a notice is sent (a retry after a
/// crash between the SMTP hand-off and recording it as sent), it carries the same Message-ID, so receivers can drop
/// the duplicate.</summary>
public static class MessageIds
{
    /// <summary>`sha256hex(key)@domain`, without angle brackets (MimeKit adds them).</summary>
    public static string For(string idempotencyKey, string domain) => $"{Hash(idempotencyKey)}@{domain}";

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
}
