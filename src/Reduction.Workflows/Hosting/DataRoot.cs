using Microsoft.Data.Sqlite;

namespace Reduction.Workflows.Hosting;

/// <summary>The folder that relative data paths of the settings (the SQLite file, Hangfire's file, the pickup folder,
/// the task-link key, attachments) are resolved against, the same for the server and the command line: the configured
/// `Storage:DataRoot`, else the root of the checkout the process runs in (the nearest folder above the current one
/// holding <see cref="CheckoutMarker"/>), else the current folder. Without it `dotnet run` of the server (whose working
/// folder is its project folder) and the CLI run from the repository root used two different databases.</summary>
public static class DataRoot
{
    /// <summary>The file that marks a checkout's root.</summary>
    public const string CheckoutMarker = "Reduction.Workflows.sln";

    /// <summary>The absolute data root for <paramref name="configured"/> (relative to <paramref name="currentDirectory"/>).</summary>
    public static string Resolve(string? configured, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, currentDirectory);
        }

        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, CheckoutMarker)))
            {
                return directory.FullName;
            }
        }

        return Path.GetFullPath(currentDirectory);
    }

    /// <summary><paramref name="path"/> made absolute against <paramref name="root"/> (an absolute path stays as it is).</summary>
    public static string PathOf(string root, string path) => Path.GetFullPath(path, root);

    /// <summary>The SQLite connection string with a relative file made absolute against <paramref name="root"/>; in-memory
    /// databases and URI file names are left alone.</summary>
    public static string SqliteConnectionString(string root, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathFullyQualified(source))
        {
            return connectionString;
        }

        builder.DataSource = PathOf(root, source);
        return builder.ToString();
    }
}
