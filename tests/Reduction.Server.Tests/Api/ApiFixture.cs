using System.Net;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>One in-process server (and database) shared by the API tests of a class; each test makes its own instances.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private DrillFolder? _folder;
    private ApiFactory? _factory;
    private int _addresses;

    /// <summary>An origin configured as allowed to call the admin API from a browser.</summary>
    public const string AllowedOrigin = "https://console.example";

    internal DrillDatabase Database { get; private set; } = null!;

    internal string ConnectionString { get; private set; } = null!;

    internal ApiFactory Factory => _factory ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync();
        ConnectionString = connectionString;
        Database = new DrillDatabase(connectionString);
        _folder = new DrillFolder(Drills.Answer, Drills.Republish("v1"), Drills.CrashChild);
        _factory = new ApiFactory(connectionString, _folder.Path, AdminClient.Password, settings: new Dictionary<string, string>
        {
            ["Server:AllowedOrigins:0"] = AllowedOrigin,
        });
        _ = _factory.Server;
    }

    /// <summary>A client with the administrator's credential (or <paramref name="password"/>, or none), from an
    /// address of its own, so one test's failed sign-ins never count against another's.</summary>
    public HttpClient Client(string? password = AdminClient.Password, string user = AdminClient.User)
    {
        var client = Factory.ClientFrom(NextAddress());
        if (password is not null)
        {
            client.DefaultRequestHeaders.Authorization = AdminClient.Basic(user, password);
        }

        return client;
    }

    /// <summary>A client address no other client of this fixture has.</summary>
    public IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return new IPAddress([10, 1, (byte)(n >> 8), (byte)n]);
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
