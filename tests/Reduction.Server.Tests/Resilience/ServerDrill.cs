using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>Shared set-up of the tests that run the server as a child process: a fresh database on the test
/// PostgreSQL, a workflows folder, servers killed and the folder removed on dispose (also when the test fails), and
/// the servers' last log lines in the test output.</summary>
public abstract class ServerDrill(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<ServerProcess> _servers = [];

    internal DrillFolder Folder { get; private set; } = null!;

    internal DrillDatabase Database { get; private set; } = null!;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The definitions this drill publishes.</summary>
    protected abstract string[] Definitions { get; }

    public async Task InitializeAsync()
    {
        Folder = new DrillFolder(Definitions);
        Database = new DrillDatabase(await postgres.CreateDatabaseAsync());
        await TestAccounts.EnsureOperatorAsync(Database.ConnectionString);
    }

    internal ServerProcess NewServer(string name)
    {
        var server = new ServerProcess(name, ServerSettings.For(Database.ConnectionString, Folder.Path));
        _servers.Add(server);
        return server;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            Output.WriteLine($"==== {server.Name}: {server.Starts} starts, {server.Kills} kills; last lines:\n{LastLines(server.Tail, 60)}");
            await server.DisposeAsync();
        }

        Folder.Dispose();
    }

    private static string LastLines(string text, int count) => string.Join('\n', text.Split('\n').TakeLast(count));
}
