using System.Security.Cryptography;

namespace Reduction.Notifications.Links;

/// <summary>The server key tokens are derived with: configured, or kept in a file readable only by the service.</summary>
internal static class TaskLinkKey
{
    public static byte[] Load(TaskLinkOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Secret))
        {
            var secret = Convert.FromBase64String(options.Secret);
            return secret.Length >= 32
                ? secret
                : throw new InvalidOperationException("Notifications:Links:Secret must be at least 32 bytes (base64)");
        }

        var path = Path.GetFullPath(options.KeyFile);
        if (File.Exists(path))
        {
            return ReadKeyFile(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return ReadKeyFile(path);
        }
    }

    private static byte[] ReadKeyFile(string path)
    {
        var key = File.ReadAllBytes(path);
        return key.Length >= 32 ? key : throw new InvalidOperationException($"task-link key file {path} holds fewer than 32 bytes");
    }
}
