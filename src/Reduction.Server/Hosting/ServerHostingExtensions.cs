using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Hangfire.Server;
using Reduction.Notifications.Hosting;
using Reduction.Server.Admin;
using Reduction.Server.Clock;
using Reduction.Server.Cycles;
using Reduction.Server.Health;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Hosting;

public static class ServerHostingExtensions
{
    /// <summary>Everything the server runs: the clock (real, or the drill clock), start-up (migrate, publish), the
    /// workflow runtime with its Hangfire server and sweep, the admin credential, health, JSON and error handling.</summary>
    public static WebApplicationBuilder AddReductionServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName);
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<ServerOptions>>(
            (host, server) => host.ShutdownTimeout = server.Value.ShutdownTimeout);

        // The drill clock, when configured, before the runtime and notifications add the system clock if none is there.
        services.AddDrillClock(builder.Configuration);

        // Hosted services start in registration order: the database is migrated and the definitions published
        // before the job server takes work and before Kestrel accepts requests.
        services.AddHostedService<WorkflowStartup>();
        services.AddSingleton<ITriggerStartCheck, CycleTriggerCheck>(); // the yearly trigger starts only years the cycle API accepts
        services.AddReductionWorkflows(builder.Configuration);
        services.AddReductionWorkflowsHangfireServer();
        services.AddReductionNotifications(builder.Configuration);
        services.AddSingleton<TaskService>();

        services.AddSingleton<HangfireServerState>();
        services.AddSingleton<IBackgroundProcess, HangfireServerMonitor>();
        services.AddSingleton<HealthProbe>();

        services.AddAdminAuthentication();
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return builder;
    }

    /// <summary>The request pipeline: errors as JSON (503 while the database is away), then authentication.</summary>
    public static WebApplication UseReductionServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
