using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Hangfire.Server;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Reduction.Ledger.Hosting;
using Reduction.Notifications.Hosting;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Server.Audit;
using Reduction.Server.Clock;
using Reduction.Server.Cycles;
using Reduction.Server.Health;
using Reduction.Server.Workflows;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Hosting;

public static class ServerHostingExtensions
{
    /// <summary>Everything the server runs: the clock (real, or the drill clock), start-up (migrate, publish), the
    /// workflow runtime with its Hangfire server and sweep, accounts and sign-in, health, JSON and error handling.</summary>
    public static WebApplicationBuilder AddReductionServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName);
        services.AddOptions<HostOptions>().Configure<IOptions<ServerOptions>>(
            (host, server) => host.ShutdownTimeout = server.Value.ShutdownTimeout);

        // The drill clock, when configured, before the runtime and notifications add the system clock if none is there.
        services.AddDrillClock(builder.Configuration);

        // Hosted services start in registration order: the database is migrated and the definitions published
        // before the job server takes work and before Kestrel accepts requests.
        services.AddHostedService<WorkflowStartup>();
        services.AddHostedService<Calendar.CalendarRefresh>();
        services.AddHostedService<Parties.PartyRefresh>();
        services.AddSingleton<ITriggerStartCheck, CycleTriggerCheck>(); // the yearly trigger starts only years the cycle API accepts
        services.AddReductionWorkflows(builder.Configuration);
        services.AddReductionWorkflowsHangfireServer();
        services.AddReductionNotifications(builder.Configuration);
        services.AddSingleton<TaskService>();
        services.AddSingleton<Reduction.Server.Tasks.TaskActionRunner>();
        services.AddSingleton<Reduction.Server.Instances.InstanceActionRunner>();
        services.AddSingleton<Reduction.Server.Cycles.CycleStartPreviewer>();
        services.AddSingleton<Reduction.Server.Tasks.TaskListExport>();
        services.AddSingleton<Reduction.Server.Cycles.AssessmentResultQueries>();
        services.AddSingleton<Reduction.Server.Ledger.LedgerImporter>();
        services.AddSingleton<Reduction.Server.Dashboards.DashboardQueries>();
        services.AddSingleton<Reduction.Server.Notices.NoticeResender>();
        services.AddSingleton<Reduction.Server.Sanctions.SanctionLiftStarter>();
        services.AddSingleton<DefinitionImport>();
        builder.AddAccess();
        services.AddReductionLedger();
        services.AddHostedService<Ledger.LedgerStartup>();
        services.AddTransient<AuditArchiveJob>();
        services.AddHostedService<AuditArchiveSchedule>();

        services.AddSingleton<HangfireServerState>();
        services.AddSingleton<IBackgroundProcess, HangfireServerMonitor>();
        services.AddSingleton<HealthProbe>();

        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();

        // A request that cannot be bound is answered 400/415 in every environment (Development would throw, and
        // differ from Production); the API's error bodies are filled in by ApiErrors.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Converters.Add(new BeijingInstantConverter());
            json.SerializerOptions.Converters.Add(new BeijingDateTimeConverter());
        });

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.AddKeyRing();
        AddForwardedHeaders(builder);
        if (HttpsEndpoint.PortOf(builder.Configuration) is { } httpsPort)
        {
            services.AddHttpsRedirection(https => https.HttpsPort = httpsPort);
            services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        }

        return builder;
    }

    /// <summary>The request pipeline: the client's address from configured proxies, HTTPS when configured, security
    /// headers, errors as JSON with a Chinese message (503 while the database is away), the cross-site guard, then
    /// authentication.</summary>
    public static WebApplication UseReductionServer(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (HttpsEndpoint.PortOf(app.Configuration) is not null)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseApiErrors();
        app.UseChineseDashboard();
        app.UseCrossSiteRequestGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAuditedRequests();
        return app;
    }

    /// <summary>`X-Forwarded-For`/`-Proto` believed only from <see cref="ServerOptions.KnownProxies"/>: with no proxy
    /// configured the middleware is not used at all (given empty lists it would believe anyone).</summary>
    private static void AddForwardedHeaders(WebApplicationBuilder builder)
    {
        var proxies = (builder.Configuration.GetSection($"{ServerOptions.SectionName}:{nameof(ServerOptions.KnownProxies)}").Get<string[]>() ?? [])
            .Select(proxy => IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Server:KnownProxies: '{proxy}' is not an IP address"))
            .ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }
        });
    }
}
