using Reduction.Testing;

namespace Reduction.Cli.Tests.Workflows;

/// <summary>Runs `reduction workflows …` in-process against one store: a temp SQLite file (`--data`) or a
/// PostgreSQL database (`--connection`). Also holds a temp folder for definition files.</summary>
internal sealed class WorkflowCli : IDisposable
{
    private readonly SqliteTestDatabase? _sqlite;
    private readonly string? _connectionString;

    private WorkflowCli(SqliteTestDatabase? sqlite, string? connectionString)
    {
        _sqlite = sqlite;
        _connectionString = connectionString;
        Files = new TempFolder();
    }

    public TempFolder Files { get; }

    public string? SqliteFile => _sqlite?.FilePath;

    public static WorkflowCli OnSqlite() => new(new SqliteTestDatabase(), null);

    public static WorkflowCli OnPostgres(string connectionString) => new(null, connectionString);

    /// <summary>`reduction workflows ARGS` plus the store option (`--db` for complete-task, whose `--data` is the answer).</summary>
    public CliResult Run(params string[] args)
    {
        string[] store = _connectionString is not null
            ? ["--connection", _connectionString]
            : [args.FirstOrDefault() == "complete-task" ? "--db" : "--data", _sqlite!.FilePath];
        return RunRaw(["workflows", .. args, .. store]);
    }

    /// <summary>Runs exactly the given arguments.</summary>
    public static CliResult RunRaw(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts exit 0 with nothing on stderr.</summary>
    public string Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        Assert.Equal(string.Empty, result.Error);
        return result.Output;
    }

    /// <summary>Runs and asserts exit 2 with nothing on stdout; returns stderr.</summary>
    public string Rejected(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}{result.Error}");
        Assert.Equal(string.Empty, result.Output);
        return result.Error;
    }

    public string WriteFile(string name, string content) => Files.Write(name, content);

    public void Dispose()
    {
        Files.Dispose();
        _sqlite?.Dispose();
    }
}
