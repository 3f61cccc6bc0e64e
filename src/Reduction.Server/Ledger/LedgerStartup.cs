using Microsoft.Extensions.Options;
using Reduction.Ledger.Persistence;
using Reduction.Server.Hosting;

namespace Reduction.Server.Ledger;

/// <summary>Migrates the ledger's tables on start (after the runtime's, whose audit log the ledger's changes write to).</summary>
internal sealed class LedgerStartup(LedgerDatabase database, IOptions<ServerOptions> server) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (server.Value.MigrateOnStart)
        {
            await database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
