namespace Reduction.Workflows.Persistence;

/// <summary>Where the runtime keeps its tables: PostgreSQL when a connection string is set, else a SQLite file.</summary>
public sealed class WorkflowStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Npgsql connection string; empty means SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>SQLite connection string used when no PostgreSQL is configured; a relative file is in the data root.</summary>
    public string SqliteConnectionString { get; set; } = "Data Source=.data/reduction.db";

    /// <summary>Folder that relative data paths are resolved against (see <c>Hosting.DataRoot</c>); empty means the
    /// checkout's root, else the current folder. Absolute once the options are built.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Whether a SQLite commit waits until the file is on disk (on: a commit survives a power loss). Off only
    /// for a throw-away database such as the simulator's, where a lost file is simply made again.</summary>
    public bool SqliteSyncCommits { get; set; } = true;
}
