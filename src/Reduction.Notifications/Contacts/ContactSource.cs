using Reduction.Domain.Parties;

namespace Reduction.Notifications.Contacts;

/// <summary>Who receives a party's notices. Once the party store has applied stored parties (server start), a party's
/// stored contacts decide (edited in the console, in force without a restart); a party without stored contacts, and
/// every party before anything is stored (the command line, tests of delivery alone), takes them from the contacts file,
/// re-read when it changes on disk. Without a configured file, the shipped example (addresses under example.gov.cn)
/// is used, which is only sensible with the pickup folder.</summary>
public sealed class ContactSource(string? path, PartyDirectory parties)
{
    /// <summary>File name of the shipped example, copied next to the application.</summary>
    public const string ExampleFileName = "contacts.example.json";

    private readonly Lock _lock = new();
    private (DateTime Stamp, long Length, ContactDirectory Directory)? _file;
    private (int Revision, ContactDirectory? File, ContactDirectory Directory)? _merged;

    /// <summary>The file in use: the configured one, else the example beside the application.</summary>
    public string Path { get; } = path is { Length: > 0 } ? System.IO.Path.GetFullPath(path) : System.IO.Path.Combine(AppContext.BaseDirectory, ExampleFileName);

    public bool IsExample => path is not { Length: > 0 };

    /// <summary>The contacts in force.</summary>
    /// <exception cref="FormatException">The file is needed and invalid (see <see cref="ContactDirectory.Parse"/>).</exception>
    /// <exception cref="FileNotFoundException">The file is needed and does not exist.</exception>
    public ContactDirectory Get()
    {
        if (parties.Stored is null)
        {
            return ReadFile();
        }

        var revision = parties.Revision;
        var file = parties.Parties.Any(p => parties.StoredContactsOf(p.Id) is null) ? ReadFile() : null;
        lock (_lock)
        {
            if (_merged is { } merged && merged.Revision == revision && ReferenceEquals(merged.File, file))
            {
                return merged.Directory;
            }

            // Contacts are built on the parties in force, so their names follow a rename saved since.
            var directory = new ContactDirectory(parties.Parties.SelectMany(p => parties.StoredContactsOf(p.Id) is { } stored
                ? stored.Select(c => Contact.For(p, c.Name, c.Email, c.Admin))
                : (file?.For(p.Id) ?? []).Select(c => Contact.For(p, c.Name, c.Email, c.Admin))));
            _merged = (revision, file, directory);
            return directory;
        }
    }

    /// <summary>The contacts file alone (the seed of the stored contacts).</summary>
    /// <inheritdoc cref="Get" path="/exception"/>
    public ContactDirectory ReadFile()
    {
        var info = new FileInfo(Path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"联系人文件不存在 / contacts file not found: {Path}", Path);
        }

        lock (_lock)
        {
            if (_file is { } cached && cached.Stamp == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                return cached.Directory;
            }

            var directory = ContactDirectory.Parse(File.ReadAllText(Path), parties);
            _file = (info.LastWriteTimeUtc, info.Length, directory);
            return directory;
        }
    }
}
