using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Hosting;

/// <summary>Runs before the job server and before requests are served: migrates the database (unless switched off)
/// and publishes the definitions of the workflows folder whose files changed since they were last published. An
/// unchanged file publishes nothing, so a version published in the designer stays the latest across restarts (and
/// every one of several servers may run this) until the shipped file itself changes.</summary>
internal sealed class WorkflowStartup(
    WorkflowDatabase database,
    WorkflowRuntime runtime,
    IOptions<ServerOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<WorkflowStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.MigrateOnStart)
        {
            await WhileUnavailableAsync(database.MigrateAsync, "migrating the database", settings.StartupTimeout, cancellationToken);
        }

        var folder = WorkflowsFolder.Resolve(settings.WorkflowsFolder, environment.ContentRootPath);
        if (folder is null || !Directory.Exists(folder))
        {
            logger.LogWarning("No workflows folder found (Server:WorkflowsFolder = '{Configured}'); nothing published", settings.WorkflowsFolder);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            await WhileUnavailableAsync(ct => PublishAsync(file, ct), $"publishing {file}", settings.StartupTimeout, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PublishAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var definition = DefinitionJson.Parse(await reader.ReadToEndAsync(cancellationToken), file);
            var (version, published) = await runtime.Definitions.PublishFileAsync(definition, Path.GetFileName(file), Convert.ToHexStringLower(SHA256.HashData(bytes)), cancellationToken);
            logger.LogInformation(
                published ? "Workflow {DefinitionId} is at v{Version} ({File})" : "Workflow {DefinitionId} stays at v{Version}: {File} is unchanged since it was last published",
                definition.Id,
                version,
                file);
        }
        catch (Exception e) when (e is DefinitionFormatException or DefinitionValidationException)
        {
            // One broken file must not keep the others (and every running instance) from being served; its previous
            // version, if any, stays in force.
            logger.LogError("Workflow file {File} was not published: {Error}", file, e.Message);
        }
    }

    /// <summary>Retries <paramref name="action"/> while the database is unreachable (a server started together with
    /// its database), up to <paramref name="timeout"/>.</summary>
    private async Task WhileUnavailableAsync(Func<CancellationToken, Task> action, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Elapsed real time (timestamps are real on the drill clock too), so a drill clock's speed does not shorten it.
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action(cancellationToken);
                return;
            }
            catch (Exception e) when (StorageErrors.IsUnavailable(e) && time.GetElapsedTime(started) < timeout && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(attempt, 5));
                logger.LogWarning("Database unavailable while {What} ({Error}); retrying in {Delay}", what, e.Message, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }
}
