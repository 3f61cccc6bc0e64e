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
        _factory = new ApiFactory(connectionString, _folder.Path, settings: new Dictionary<string, string>
        {
            ["Server:AllowedOrigins:0"] = AllowedOrigin,

            // Administrators' second factor is tested with a server of its own (AccessApiTests).
            ["Security:RequireTwoFactorForAdmins"] = "false",
        });
        _ = _factory.Server;
        await TestAccounts.EnsureOperatorAsync(_factory.Services);
        await TestAccounts.EnsureAsync(_factory.Services, SystemAdminUser, "epb", AdminClient.Password, Reduction.Identity.Accounts.AccountRoles.SystemAdmin);
    }

    /// <summary>A client signed in as the test operator (or as <paramref name="user"/> with <paramref name="password"/>;
    /// with no password, anonymous), from an address of its own, so one test's failed sign-ins never count against
    /// another's.</summary>
    public HttpClient Client(string? password = AdminClient.Password, string user = AdminClient.User) =>
        password is null ? Factory.ClientFrom(NextAddress()) : Factory.SignedInFrom(NextAddress(), user, password);

    /// <summary>A system administrator of the EPB: the job dashboard's user.</summary>
    public const string SystemAdminUser = "drill-sysadmin";

    /// <summary>A browser-like client signed in to the console (cookie) as <paramref name="user"/>.</summary>
    public Task<HttpClient> PagesAsync(string user = SystemAdminUser) => TestSignIn.ClientAsync(Factory, user);

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
