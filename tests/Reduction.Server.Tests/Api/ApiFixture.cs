using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>One in-process server (and database) shared by the API tests of a class; each test makes its own instances.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private DrillFolder? _folder;
    private ApiFactory? _factory;

    internal DrillDatabase Database { get; private set; } = null!;

    internal ApiFactory Factory => _factory ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync();
        Database = new DrillDatabase(connectionString);
        _folder = new DrillFolder(Drills.Answer, Drills.Republish("v1"), Drills.CrashChild);
        _factory = new ApiFactory(connectionString, _folder.Path, AdminClient.Password);
        _ = _factory.Server;
    }

    /// <summary>A client with the administrator's credential (or <paramref name="password"/>, or none).</summary>
    public HttpClient Client(string? password = AdminClient.Password, string user = AdminClient.User)
    {
        var client = Factory.CreateClient();
        if (password is not null)
        {
            client.DefaultRequestHeaders.Authorization = AdminClient.Basic(user, password);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _folder?.Dispose();
        await _postgres.DisposeAsync();
    }
}
