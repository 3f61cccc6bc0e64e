using System.Security.Cryptography;
using System.Text;

namespace Reduction.Notifications.Links;

/// <summary>Token arithmetic. A token is HMAC-SHA256(server key, "task-link:v1:" + nonce): 256 bits that look random
/// to anyone without the key. The database keeps the random nonce and SHA-256(token) only, so it holds nothing that
/// opens a task, yet the server can render the same link again for a retried notice.</summary>
internal static class TaskLinkTokens
{
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("task-link:v1:");

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(32);

    public static byte[] Derive(byte[] key, byte[] nonce) => HMACSHA256.HashData(key, Purpose.Concat(nonce).ToArray());

    /// <summary>Lower-case hex SHA-256 of the token bytes: the only form stored.</summary>
    public static string Hash(byte[] token) => Convert.ToHexStringLower(SHA256.HashData(token));

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Base64url without padding; anything else (or not 32 bytes) is not a token.</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is not { Length: 43 } || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/') + "=";
        var buffer = new byte[33];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != 32)
        {
            return false;
        }

        bytes = buffer[..32];

        // Only the canonical spelling of the 32 bytes counts (the last character carries two unused bits).
        return Encode(bytes) == text;
    }
}
