using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>A generic host wired the way the server wires the runtime (AddReductionWorkflows, optionally the Hangfire
/// server and sweeper), on a migrated database of its own.</summary>
internal sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkflowTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public WorkflowDatabase Database => Services.GetRequiredService<WorkflowDatabase>();

    public IBackgroundJobClient Jobs => Services.GetRequiredService<IBackgroundJobClient>();

    public JobStorage JobStorage => Services.GetRequiredService<JobStorage>();

    /// <param name="settings">Configuration on top of the defaults: few workers, no periodic sweep.</param>
    /// <param name="services">Registrations made before the runtime's (which adds its defaults only where none exist).</param>
    public static async Task<WorkflowTestHost> StartAsync(IDictionary<string, string?> settings, bool server = true, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var configuration = new Dictionary<string, string?>
        {
            ["Hangfire:WorkerCount"] = "4",
            ["Hangfire:SweepInterval"] = "01:00:00",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        services?.Invoke(builder.Services);
        builder.Services.AddReductionWorkflows(builder.Configuration);
        if (server)
        {
            builder.Services.AddReductionWorkflowsHangfireServer();
        }

        var host = builder.Build();
        await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await host.StartAsync();
        return new WorkflowTestHost(host);
    }

    public static Task<WorkflowTestHost> StartPostgresAsync(string connectionString, bool server = true, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Storage:PostgresConnectionString"] = connectionString }, server, services);

    public Task<int> PublishAsync(string json) => Runtime.Definitions.PublishAsync(DefinitionJson.Parse(json, "test"));

    /// <summary>Polls until <paramref name="probe"/> returns a value, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits until Hangfire has run the job to success.</summary>
    public Task WaitForSucceededAsync(string jobId) =>
        EventuallyAsync(
            () =>
            {
                using var connection = JobStorage.GetConnection();
                var state = connection.GetJobData(jobId)?.State;
                if (state == "Failed")
                {
                    throw new InvalidOperationException($"job {jobId} failed");
                }

                return Task.FromResult(state == "Succeeded" ? state : null);
            },
            TimeSpan.FromSeconds(15),
            $"job {jobId}");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
