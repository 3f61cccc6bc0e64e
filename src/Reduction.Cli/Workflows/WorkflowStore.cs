using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;
using Reduction.Identity.Hosting;
using Reduction.Identity.Keys;
using Reduction.Identity.Persistence;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tasks;

namespace Reduction.Cli.Workflows;

/// <summary>The runtime as a client, wired like the server (<see cref="WorkflowServiceCollectionExtensions.AddReductionWorkflows"/>)
/// but without a Hangfire server: timers and notices are enqueued for a server to run, never run here.</summary>
internal sealed class WorkflowStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WorkflowStore(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<WorkflowRuntime>();
        Tasks = new TaskService(Runtime);
        Instances = services.GetRequiredService<InstanceQueries>();
        TaskQueries = services.GetRequiredService<TaskQueries>();
    }

    public AccountService Accounts => _services.GetRequiredService<AccountService>();

    public BearerCredentials Credentials => _services.GetRequiredService<BearerCredentials>();

    public AuditLog Audit => _services.GetRequiredService<AuditLog>();

    /// <summary>The calendar arrangements kept in the database.</summary>
    public CalendarStore Calendar => _services.GetRequiredService<CalendarStore>();

    public AuditArchiver AuditArchiver => _services.GetRequiredService<AuditArchiver>();

    /// <summary>The `Security` section from the environment (validated: a retention below 180 days throws
    /// <see cref="OptionsValidationException"/>).</summary>
    public SecurityOptions Security => _services.GetRequiredService<IOptions<SecurityOptions>>().Value;

    /// <summary>The command line acts as the operating-system user who runs it.</summary>
    public static AuditActor Actor { get; } = new("cli:" + Environment.UserName, null, "cli");

    public WorkflowRuntime Runtime { get; }

    public TaskService Tasks { get; }

    /// <summary>Instance reads; the CLI works on the database directly, as the EPB's operator (<see cref="PartyScope.Everything"/>).</summary>
    public InstanceQueries Instances { get; }

    /// <summary>Task reads, as <see cref="PartyScope.Everything"/> like <see cref="Instances"/>.</summary>
    public TaskQueries TaskQueries { get; }

    public PartyDirectory Parties => Runtime.Parties;

    public WorkflowDatabase Database => Runtime.Database;

    /// <summary>Builds the services and migrates the database on first use.</summary>
    public static async Task<WorkflowStore> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReductionWorkflows(configuration);
        services.AddReductionIdentity(configuration);

        // Identity's reset tokens are made and used within one command: keys in memory, no key files written.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync(cancellationToken);
            await provider.GetRequiredService<AccountDatabase>().MigrateAsync(cancellationToken);

            // The parties as stored (renames, addresses, signatories kept in the console), not only as shipped.
            await provider.GetRequiredService<PartyStore>().RefreshAsync(force: true, cancellationToken);
            return new WorkflowStore(provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Which database this store uses, for the line a command prints when the command line did not say:
    /// the SQLite file's full path, or the PostgreSQL server and database (never the password).</summary>
    public string Describe()
    {
        var storage = _services.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            var postgres = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString);
            return $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}";
        }

        return $"SQLite {new SqliteConnectionStringBuilder(storage.SqliteConnectionString).DataSource}";
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
