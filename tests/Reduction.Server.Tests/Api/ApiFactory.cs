using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Reduction.Server.Tests.Api;

/// <summary>The server in-process on a PostgreSQL database of its own, with its real Hangfire server, in Production
/// unless told otherwise, its Data Protection keys in a temp folder and its log captured.</summary>
internal sealed class ApiFactory(
    string connectionString,
    string workflowsFolder,
    string environment = "Production",
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _keys = Directory.CreateTempSubdirectory("reduction-keys-").FullName;

    public LogCapture Logs { get; } = new();

    /// <summary>A client whose requests come from <paramref name="address"/> (the test server has no real sockets).</summary>
    public HttpClient ClientFrom(IPAddress address) =>
        new(Server.CreateHandler(context => context.Connection.RemoteIpAddress = address)) { BaseAddress = new Uri("http://localhost") };

    /// <summary>As <see cref="ClientFrom"/>, signed in as <paramref name="user"/> with a bearer token.</summary>
    public HttpClient SignedInFrom(IPAddress address, string user = Support.AdminClient.User, string password = Support.AdminClient.Password) =>
        new(Support.AdminClient.SignedIn(Server.CreateHandler(context => context.Connection.RemoteIpAddress = address), user, password)) { BaseAddress = new Uri("http://localhost") };

    /// <summary>A client of <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>'s kind, signed in as the test operator.</summary>
    public HttpClient SignedIn() => new(Support.AdminClient.SignedIn(Server.CreateHandler())) { BaseAddress = new Uri("http://localhost") };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Support.TestSignIn.AddTo(builder);
        builder.UseSetting("Security:RequireTwoFactorForAdmins", "false");
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:PostgresConnectionString", connectionString);
        builder.UseSetting("Storage:DataRoot", Directory.CreateTempSubdirectory("reduction-server-test-").FullName);
        builder.UseSetting("Server:WorkflowsFolder", workflowsFolder);
        builder.UseSetting("Calendar:NationalArrangementFiles:0", Reduction.Testing.TestCalendar.FutureYearsFile);
        builder.UseSetting("Server:DataProtection:KeysFolder", _keys);
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("Hangfire:SweepInterval", "00:00:01");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_keys, recursive: true);
        }
        catch (IOException)
        {
            // Temp space.
        }
    }
}
