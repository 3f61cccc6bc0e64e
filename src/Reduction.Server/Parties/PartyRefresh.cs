using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Workflows.Parties;

namespace Reduction.Server.Parties;

/// <summary>On start, stores the parties the database does not have yet from the shipped data file and the contacts
/// file (<see cref="PartyStore.SeedAsync"/>) and applies the stored ones; then every <see cref="PartyStore.RefreshInterval"/>
/// applies changes saved by other processes. Registered after <see cref="Hosting.WorkflowStartup"/>, so the database is
/// migrated first; a stored row that no longer reads stops the start with the party named.</summary>
internal sealed class PartyRefresh(PartyStore store, ContactSource contacts, ILogger<PartyRefresh> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Func<string, IReadOnlyList<PartyContact>?>? contactsOf = null;
        try
        {
            var file = contacts.ReadFile();
            contactsOf = id => [.. file.For(id).Select(c => new PartyContact(c.Name, c.Email, c.Admin))];
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            // The parties are stored without contacts: the file keeps deciding for them until it reads.
            logger.LogWarning("Contacts file not read for the party store's seed: {Error}", e.Message);
        }

        var seeded = await store.SeedAsync(contactsOf, cancellationToken);
        logger.LogInformation("Parties applied (version {Version}, {Seeded} seeded)", store.AppliedVersion, seeded);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PartyStore.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await store.RefreshAsync(cancellationToken: stoppingToken))
                    {
                        logger.LogInformation("Parties reloaded (version {Version})", store.AppliedVersion);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The parties in force stay as they were; the next tick tries again.
                    logger.LogWarning("Parties not reloaded: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
