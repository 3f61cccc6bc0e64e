using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Benchmarks.Support;

/// <summary>A generic host wired like the server: <c>AddReductionWorkflows</c> on PostgreSQL with default options and the
/// run's party directory (<see cref="BenchParties"/>), and
/// with a server also the Hangfire server and the sweeper too. Warnings and errors go to standard error.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public WorkflowDatabase Database => Services.GetRequiredService<WorkflowDatabase>();

    /// <param name="configure">Further services (accounts, for the sign-in step).</param>
    public static async Task<BenchHost> StartAsync(string connectionString, bool server, CancellationToken cancellationToken, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:PostgresConnectionString"] = connectionString,
            ["Parties:Directory"] = BenchParties.Directory,
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReductionWorkflows(builder.Configuration);
        if (server)
        {
            builder.Services.AddReductionWorkflowsHangfireServer();
        }

        configure?.Invoke(builder.Services, builder.Configuration);

        var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchHost(host);
    }

    public Task<int> PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken) => Runtime.Definitions.PublishAsync(definition, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
