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

        Assert.Equal((0, $"{DemoScenario.DefinitionId} v1  已发布：演示：年度减排计划的提醒与逐级督办\n"), (published.ExitCode, published.Output));
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        Assert.StartsWith($"数据库 / database: PostgreSQL 127.0.0.1:", published.Error, StringComparison.Ordinal);
        Assert.Contains($"/{database}（", published.Error, StringComparison.Ordinal);
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

    [Fact]
    public void Instances_NoDatabaseGiven_UsesTheCheckoutsDataFolderAndSaysSo()
    {
        var checkout = Directory.CreateTempSubdirectory("reduction-checkout-").FullName;
        File.WriteAllText(Path.Combine(checkout, "Reduction.Workflows.sln"), string.Empty);
        var project = Directory.CreateDirectory(Path.Combine(checkout, "src", "Reduction.Server")).FullName;
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(project);
            var fromProject = WithVariable(SqliteVariable, null, () => WorkflowCli.RunRaw("workflows", "publish", DemoScenario.DemoFile));
            Directory.SetCurrentDirectory(checkout);
            var fromRoot = WithVariable(SqliteVariable, null, () => WorkflowCli.RunRaw("workflows", "versions", DemoScenario.DefinitionId));

            var file = Path.Combine(checkout, ".data", "reduction.db");
            Assert.Equal(0, fromProject.ExitCode);
            Assert.True(File.Exists(file), "the database belongs in the checkout's .data folder");
            Assert.StartsWith($"数据库 / database: SQLite {file}（", fromProject.Error, StringComparison.Ordinal);
            Assert.Equal(0, fromRoot.ExitCode);
            Assert.Contains("最新", fromRoot.Output, StringComparison.Ordinal);
            Assert.Equal(fromProject.Error, fromRoot.Error);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(checkout, recursive: true);
        }
    }

    private static CliResult WithVariable(string name, string? value, Func<CliResult> run)
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
