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
    public async Task Start_OnPostgres_TheTaskNoticeHasItsDeliveryJobBeforeTheCommandReturns()
    {
        // The command only queues work for a server; the notice's Hangfire job must exist when it exits (the
        // scheduler's hand-off runs after the burst, and closing the store waits for it).
        var connectionString = await postgres.CreateDatabaseAsync();
        using var cli = WorkflowCli.OnPostgres(connectionString);
        cli.Ok("publish", DemoScenario.DemoFile);

        cli.Ok("start", DemoScenario.DefinitionId, "--key", "demo:2015", "--input", """{"year": 2015}""");

        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var notices = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM workflows.notice_outbox WHERE "Status" = 'Pending'""", connection);
        Assert.True((long)(await notices.ExecuteScalarAsync())! >= 1, "the start queued no notice");
        await using var jobs = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%NoticeJob%' AND invocationdata::text LIKE '%DeliverDueAsync%' AND statename = 'Enqueued'", connection);
        Assert.Equal(1L, await jobs.ExecuteScalarAsync());
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
