using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Reduction.Server.Tests.Answers;

/// <summary>The server in-process on its own PostgreSQL database, with its real Hangfire server, notices to a pickup
/// folder, attachments in a temp folder, and task links to the test server's address.</summary>
internal sealed class AnswerFactory(string connectionString, string workflowsFolder, string dataFolder) : WebApplicationFactory<Program>
{
    public const string BaseUrl = "http://localhost";

    public string AttachmentsFolder => Path.Combine(dataFolder, "attachments");

    public string PickupFolder => Path.Combine(dataFolder, "outbox");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Support.TestSignIn.AddTo(builder);
        builder.UseSetting("Security:RequireTwoFactorForAdmins", "false");
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:PostgresConnectionString", connectionString);
        builder.UseSetting("Storage:DataRoot", dataFolder);
        builder.UseSetting("Server:WorkflowsFolder", workflowsFolder);
        builder.UseSetting("Calendar:NationalArrangementFiles:0", Reduction.Testing.TestCalendar.FutureYearsFile);
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("Hangfire:SweepInterval", "00:00:01");
        builder.UseSetting("Notifications:PickupFolder", PickupFolder);
        builder.UseSetting("Notifications:Delivery:SweepInterval", "00:00:01");
        builder.UseSetting("Notifications:Links:BaseUrl", BaseUrl);
        builder.UseSetting("Notifications:Links:Secret", Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        builder.UseSetting("Answers:AttachmentsFolder", AttachmentsFolder);
        builder.UseSetting("Answers:RequestsPerMinute", "100000");
        builder.UseSetting("Answers:ReissuesPerHour", "3");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
