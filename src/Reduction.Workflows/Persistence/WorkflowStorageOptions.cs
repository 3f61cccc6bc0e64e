namespace Reduction.Workflows.Persistence;

/// <summary>Where the runtime keeps its tables: PostgreSQL when a connection string is set, else a SQLite file.</summary>
public sealed class WorkflowStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Npgsql connection string; empty means SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>SQLite connection string used when no PostgreSQL is configured.</summary>
    public string SqliteConnectionString { get; set; } = "Data Source=.data/reduction.db";
}
