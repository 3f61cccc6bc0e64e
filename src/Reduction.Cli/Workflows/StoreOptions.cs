using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Reduction.Workflows.Persistence;

namespace Reduction.Cli.Workflows;

/// <summary>`--connection` and `--data` (alias `--db`) of the commands that use the workflow store. Configuration comes from
/// environment variables with the `REDUCTION_` prefix (as the server's, e.g. `REDUCTION_Storage__PostgresConnectionString`);
/// an option given on the command line wins.</summary>
internal sealed class StoreOptions
{
    public const string EnvironmentPrefix = "REDUCTION_";

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "PostgreSQL 连接字符串（缺省取环境变量 REDUCTION_Storage__PostgresConnectionString） / "
            + "PostgreSQL connection string (default: REDUCTION_Storage__PostgresConnectionString).",
        HelpName = "CONNECTION_STRING",
    };

    /// <param name="dataTakenByCommand">The command uses `--data` for its own input (complete-task), so the SQLite file
    /// is given with `--db` only; elsewhere `--db` is an alias of `--data`.</param>
    public StoreOptions(bool dataTakenByCommand = false)
    {
        Data = dataTakenByCommand ? new Option<string?>("--db") : new Option<string?>("--data", "--db");
        Data.Description = "SQLite 数据库文件（未配置 PostgreSQL 时使用，缺省 .data/reduction.db） / "
            + "SQLite database file, used when no PostgreSQL is configured (default: .data/reduction.db).";
        Data.HelpName = "FILE";
    }

    public Option<string?> Data { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Connection);
        command.Options.Add(Data);
    }

    /// <summary>Whether the command line named the database itself (else it comes from the environment or the default).</summary>
    public bool IsGiven(ParseResult parseResult) => parseResult.GetValue(Connection) is not null || parseResult.GetValue(Data) is not null;

    /// <summary>The configuration the runtime is built from: environment variables, then the options.</summary>
    public bool TryGetConfiguration(ParseResult parseResult, [NotNullWhen(true)] out IConfiguration? configuration, [NotNullWhen(false)] out string? message)
    {
        configuration = null;
        var connection = parseResult.GetValue(Connection);
        var data = parseResult.GetValue(Data);
        if (connection is not null && data is not null)
        {
            message = $"--connection 与 {Data.Name} 只能指定一个 / give either --connection or {Data.Name}, not both";
            return false;
        }

        if (connection is { Length: 0 } || data is { Length: 0 })
        {
            message = $"--connection 或 {Data.Name} 的值为空 / --connection or {Data.Name} is empty";
            return false;
        }

        var overrides = new Dictionary<string, string?>();
        if (connection is not null)
        {
            overrides[$"{WorkflowStorageOptions.SectionName}:{nameof(WorkflowStorageOptions.PostgresConnectionString)}"] = connection;
        }
        else if (data is not null)
        {
            // An explicit file means SQLite, even when the environment names a PostgreSQL server.
            overrides[$"{WorkflowStorageOptions.SectionName}:{nameof(WorkflowStorageOptions.PostgresConnectionString)}"] = string.Empty;
            overrides[$"{WorkflowStorageOptions.SectionName}:{nameof(WorkflowStorageOptions.SqliteConnectionString)}"] =
                new SqliteConnectionStringBuilder { DataSource = data }.ToString();
        }

        configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides)
            .Build();
        message = null;
        return true;
    }
}
