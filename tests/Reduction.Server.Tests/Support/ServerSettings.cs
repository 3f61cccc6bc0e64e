namespace Reduction.Server.Tests.Support;

/// <summary>Environment of a server child process: its database and workflows, the admin credential, and sweep
/// intervals short enough that lost work is recovered within seconds instead of the production half-minute.</summary>
internal static class ServerSettings
{
    public static Dictionary<string, string> For(string connectionString, string workflowsFolder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_gcServer"] = "0",
        ["Storage__PostgresConnectionString"] = connectionString,
        ["Server__WorkflowsFolder"] = workflowsFolder,
        ["Server__StartupTimeout"] = "00:01:00",
        ["Calendar__NationalArrangementFiles__0"] = Reduction.Testing.TestCalendar.FutureYearsFile,
        ["Hangfire__WorkerCount"] = "6",
        ["Hangfire__SweepInterval"] = "00:00:01",
        ["Workflows__ArmGrace"] = "00:00:02",
        ["Workflows__LostTimerGrace"] = "00:00:05",
        ["Notifications__Delivery__Lease"] = "00:00:10",
        ["Notifications__Delivery__InitialBackoff"] = "00:00:02",
        ["Notifications__Delivery__SweepInterval"] = "00:00:02",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__Console__FormatterName"] = "simple",
    };
}
