using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Parties;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;
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
    }

    public WorkflowRuntime Runtime { get; }

    public TaskService Tasks { get; }

    public PartyDirectory Parties => Runtime.Parties;

    public WorkflowDatabase Database => Runtime.Database;

    /// <summary>Builds the services and migrates the database on first use.</summary>
    public static async Task<WorkflowStore> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReductionWorkflows(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync(cancellationToken);
            return new WorkflowStore(provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
