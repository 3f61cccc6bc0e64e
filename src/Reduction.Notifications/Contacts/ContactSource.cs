using Reduction.Domain.Parties;

namespace Reduction.Notifications.Contacts;

/// <summary>The contacts file, re-read when it changes on disk so an administrator's correction applies to the next
/// retry without a restart. Without a file, the shipped example (addresses under example.gov.cn) is used, which is
/// only sensible with the pickup folder.</summary>
public sealed class ContactSource(string? path, PartyDirectory parties)
{
    /// <summary>File name of the shipped example, copied next to the application.</summary>
    public const string ExampleFileName = "contacts.example.json";

    private readonly Lock _lock = new();
    private (DateTime Stamp, long Length, ContactDirectory Directory)? _cached;

    /// <summary>The file in use: the configured one, else the example beside the application.</summary>
    public string Path { get; } = path is { Length: > 0 } ? System.IO.Path.GetFullPath(path) : System.IO.Path.Combine(AppContext.BaseDirectory, ExampleFileName);

    public bool IsExample => path is not { Length: > 0 };

    /// <exception cref="FormatException">The file is invalid (see <see cref="ContactDirectory.Parse"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public ContactDirectory Get()
    {
        var info = new FileInfo(Path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"联系人文件不存在 / contacts file not found: {Path}", Path);
        }

        lock (_lock)
        {
            if (_cached is { } cached && cached.Stamp == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                return cached.Directory;
            }

            var directory = ContactDirectory.Parse(File.ReadAllText(Path), parties);
            _cached = (info.LastWriteTimeUtc, info.Length, directory);
            return directory;
        }
    }
}
