using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>The server in-process on a PostgreSQL database of its own, with its real Hangfire server.</summary>
internal sealed class ApiFactory(string connectionString, string workflowsFolder, string? adminPassword) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:PostgresConnectionString", connectionString);
        builder.UseSetting("Storage:DataRoot", Directory.CreateTempSubdirectory("reduction-server-test-").FullName);
        builder.UseSetting("Server:WorkflowsFolder", workflowsFolder);
        builder.UseSetting("Calendar:NationalArrangementFiles:0", Reduction.Testing.TestCalendar.FutureYearsFile);
        builder.UseSetting("Server:Admin:User", Support.AdminClient.User);
        builder.UseSetting("Server:Admin:Password", adminPassword ?? string.Empty);
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("Hangfire:SweepInterval", "00:00:01");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
