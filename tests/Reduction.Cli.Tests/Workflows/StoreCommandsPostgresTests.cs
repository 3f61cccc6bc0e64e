using Reduction.Testing;

namespace Reduction.Cli.Tests.Workflows;

/// <summary>The database commands end to end on a real PostgreSQL, each test on a fresh database.</summary>
public class StoreCommandsPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task DemoScenario_OnPostgres_PublishStartShowCompleteVersionsDiff()
    {
        using var cli = WorkflowCli.OnPostgres(await postgres.CreateDatabaseAsync());

        DemoScenario.Run(cli);
    }

    [Fact]
    public void Connection_ServerDown_ExitsThreeWithNothingOnStdout()
    {
        var result = WorkflowCli.RunRaw("workflows", "instances", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith("无法使用工作流数据库 / the workflow database cannot be used: ", result.Error, StringComparison.Ordinal);
    }
}
