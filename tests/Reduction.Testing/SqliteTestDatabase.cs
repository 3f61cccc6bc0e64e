using Microsoft.Data.Sqlite;

namespace Reduction.Testing;

/// <summary>A SQLite database file in its own temp folder (other files, such as Hangfire's, can sit beside it);
/// the folder is deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        DirectoryPath = Directory.CreateTempSubdirectory("reduction-sqlite-").FullName;
        FilePath = Path.Combine(DirectoryPath, "reduction.db");
    }

    public string DirectoryPath { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // Still held by a connection someone forgot to close: the OS cleans temp later.
        }
    }
}
