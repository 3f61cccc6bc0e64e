using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Hosting;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Hangfire's tables live in this schema of the application's PostgreSQL database.</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>Registers the runtime, its database and Hangfire as its scheduler (client only: jobs are created, not
    /// run). Hosts that run jobs add <see cref="AddReductionWorkflowsHangfireServer"/>; a CLI needs only this.</summary>
    public static IServiceCollection AddReductionWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowStorageOptions>().Bind(configuration.GetSection(WorkflowStorageOptions.SectionName))
            .PostConfigure(storage =>
            {
                storage.DataRoot = DataRoot.Resolve(storage.DataRoot, Directory.GetCurrentDirectory());
                storage.SqliteConnectionString = DataRoot.SqliteConnectionString(storage.DataRoot, storage.SqliteConnectionString);
            });
        services.AddOptions<WorkflowRuntimeOptions>().Bind(configuration.GetSection(WorkflowRuntimeOptions.SectionName));
        services.AddOptions<WorkflowHangfireOptions>().Bind(configuration.GetSection(WorkflowHangfireOptions.SectionName))
            .PostConfigure<IOptions<WorkflowStorageOptions>>((hangfire, storage) =>
            {
                if (!string.IsNullOrWhiteSpace(hangfire.SqlitePath))
                {
                    hangfire.SqlitePath = DataRoot.PathOf(storage.Value.DataRoot!, hangfire.SqlitePath);
                }
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.SectionName));
        services.TryAddSingleton<OfficialCalendar>(sp => sp.GetRequiredService<IOptions<CalendarOptions>>().Value.Build());
        services.AddOptions<PartyDirectoryOptions>().Bind(configuration.GetSection(PartyDirectoryOptions.SectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<PartyDirectoryOptions>>().Value.Build());
        services.TryAddSingleton(sp => new WorkflowDatabase(sp.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton(sp => new CalendarStore(
            sp.GetRequiredService<WorkflowDatabase>(),
            sp.GetRequiredService<OfficialCalendar>(),
            sp.GetRequiredService<PartyDirectory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new PartyStore(
            sp.GetRequiredService<WorkflowDatabase>(),
            sp.GetRequiredService<PartyDirectory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<AuditArchiver>();
        services.TryAddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<WorkflowDatabase>(),
            sp.GetRequiredService<IWorkflowScheduler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<OfficialCalendar>(),
            sp.GetRequiredService<PartyDirectory>(),
            sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value,
            sp.GetService<ActivityRegistry>(),
            sp.GetService<ILogger<WorkflowRuntime>>(),
            sp.GetService<ITriggerStartCheck>(),
            sp.GetService<Ledger.IAssessmentLedger>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<WorkflowRuntime>().PlanPeriods);
        services.TryAddSingleton(sp => sp.GetRequiredService<WorkflowRuntime>().Definitions);
        services.TryAddSingleton(sp => sp.GetRequiredService<WorkflowRuntime>().Timers);
        services.TryAddSingleton(sp => sp.GetRequiredService<WorkflowRuntime>().Sweep);
        services.TryAddSingleton<DefinitionCatalog>();

        // The read side: every query takes the caller's party scope.
        services.TryAddSingleton<TaskQueries>();
        services.TryAddSingleton<InstanceQueries>();
        services.TryAddSingleton<InstanceTraceQueries>();
        services.TryAddSingleton<NoticeQueries>();
        services.TryAddSingleton<SanctionQueries>();
        services.TryAddSingleton<CycleOverviewQueries>();
        services.TryAddSingleton<IWorkflowScheduler, HangfireWorkflowScheduler>();
        services.TryAddSingleton<INoticeDelivery, PendingNoticeDelivery>();
        services.TryAddTransient<TimerJob>();
        services.TryAddTransient<EffectJob>();
        services.TryAddTransient<NoticeJob>();
        services.TryAddTransient<SweepJob>();

        // Storage and activator are this container's own, registered before AddHangfire so its fallbacks to the
        // process-wide JobStorage.Current and JobActivator.Current never apply: two hosts in one process (tests)
        // must not run each other's jobs against each other's database.
        services.TryAddSingleton(sp =>
        {
            // Hangfire's process-wide settings (serializer, logging) first: storage can be used before any client.
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateJobStorage(
                sp.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value,
                sp.GetRequiredService<IOptions<WorkflowHangfireOptions>>().Value);
        });
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, hangfire) =>
        {
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (sp.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                hangfire.UseLogProvider(new StoppedHostSafeLogProvider(loggerFactory));
            }
        });
        return services;
    }

    /// <summary>Runs work in this process: the timer pump firing due timers every
    /// <see cref="WorkflowHangfireOptions.SchedulePollingInterval"/>, a Hangfire server running effects and notices, and the
    /// sweep every <see cref="WorkflowHangfireOptions.SweepInterval"/>. Needs <see cref="AddReductionWorkflows"/>.</summary>
    public static IServiceCollection AddReductionWorkflowsHangfireServer(this IServiceCollection services)
    {
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowHangfireOptions>>().Value;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            if (options.WorkerCount > 0)
            {
                server.WorkerCount = options.WorkerCount;
            }
        });
        services.AddHostedService<WorkflowSweeper>();
        services.AddHostedService<DueTimerPump>();
        return services;
    }

    private static JobStorage CreateJobStorage(WorkflowStorageOptions storage, WorkflowHangfireOptions options)
    {
        if (!string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSchema,
                QueuePollInterval = options.QueuePollInterval,
                PrepareSchemaIfNecessary = true,
                DistributedLockTimeout = options.DistributedLockTimeout,
                InvisibilityTimeout = options.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
            };
            // Auto-prepared like the runtime's connections: Hangfire's few statements repeat for every job (measured:
            // about 0.4 ms less PostgreSQL CPU per task completion, whose receipt notice is a job).
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(WorkflowDatabase.WithAutoPrepare(storage.PostgresConnectionString), postgres), postgres);
        }

        var path = string.IsNullOrWhiteSpace(options.SqlitePath) ? DefaultSqlitePath(storage) : options.SqlitePath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = options.QueuePollInterval });
    }

    /// <summary>`hangfire.db` in the folder of the app's SQLite file, so one data folder holds everything.</summary>
    private static string DefaultSqlitePath(WorkflowStorageOptions storage)
    {
        var dataSource = new SqliteConnectionStringBuilder(storage.SqliteConnectionString).DataSource;
        var directory = string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? Path.Combine(storage.DataRoot ?? DataRoot.Resolve(null, Directory.GetCurrentDirectory()), ".data")
            : Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
        return Path.Combine(directory, "hangfire.db");
    }
}
