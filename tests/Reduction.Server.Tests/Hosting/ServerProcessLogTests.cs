using System.Net;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Hosting;

/// <summary>The built server as a child process with a fresh home folder (so it must make a new key ring): no
/// `Server` header, its key ring in the configured folder, and no Data Protection warning in its log.</summary>
public sealed class ServerProcessLogTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Server_FirstStart_KeysInTheConfiguredFolder_NoServerHeader_NoDataProtectionWarning()
    {
        using var folder = new DrillFolder(Drills.Answer);
        var home = Directory.CreateTempSubdirectory("reduction-home-").FullName;
        var keys = Path.Combine(home, "keys");
        try
        {
            var environment = ServerSettings.For(await postgres.CreateDatabaseAsync(), folder.Path);
            environment["HOME"] = home;
            environment["Server__DataProtection__KeysFolder"] = keys;
            await using var server = new ServerProcess("keys", environment);
            await server.StartAsync();
            using var admin = new AdminClient(server.BaseAddress);

            using var health = await admin.Http.GetAsync(new Uri("/health", UriKind.Relative));
            using var home2 = await admin.Http.GetAsync(new Uri("/console/signin", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, home2.StatusCode);
            Assert.False(health.Headers.Contains("Server"), server.Tail);
            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
            Assert.DoesNotContain("No XML encryptor configured", server.Tail, StringComparison.Ordinal);
            Assert.DoesNotContain("DataProtection", server.Tail, StringComparison.Ordinal);
            Assert.DoesNotContain("have been overridden", server.Tail, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
