using Reduction.Testing;

namespace Reduction.Cli.Tests.Workflows;

/// <summary>Configuration from `REDUCTION_` environment variables. Changing the process environment, these tests run
/// alone (<see cref="ProcessEnvironmentCollection"/>).</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class StoreEnvironmentTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string PostgresVariable = "REDUCTION_Storage__PostgresConnectionString";
    private const string SqliteVariable = "REDUCTION_Storage__SqliteConnectionString";

    [Fact]
    public async Task Publish_PostgresFromEnvironment_UsesThatDatabase()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var published = WithVariable(PostgresVariable, connectionString, () => WorkflowCli.RunRaw("workflows", "publish", DemoScenario.DemoFile));

        Assert.Equal((0, $"{DemoScenario.DefinitionId} v1  已发布：演示：年度减排计划的提醒与逐级督办\n", string.Empty), (published.ExitCode, published.Output, published.Error));
        using var cli = WorkflowCli.OnPostgres(connectionString);
        Assert.Contains("最新", cli.Ok("versions", DemoScenario.DefinitionId), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_WithPostgresInEnvironment_UsesTheSqliteFile()
    {
        using var cli = WorkflowCli.OnSqlite();

        var published = WithVariable(PostgresVariable, "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=1", () => cli.Run("publish", DemoScenario.DemoFile));

        Assert.Equal(0, published.ExitCode);
        Assert.True(File.Exists(cli.SqliteFile));
    }

    [Fact]
    public void Instances_SqliteFromEnvironment_UsesThatFile()
    {
        using var cli = WorkflowCli.OnSqlite();
        cli.Ok("publish", DemoScenario.DemoFile);
        var instanceId = cli.Run("start", DemoScenario.DefinitionId).FirstToken;

        var listed = WithVariable(SqliteVariable, $"Data Source={cli.SqliteFile}", () => WorkflowCli.RunRaw("workflows", "instances"));

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(instanceId, listed.Output, StringComparison.Ordinal);
    }

    private static CliResult WithVariable(string name, string value, Func<CliResult> run)
    {
        var previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            return run();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }
}
