using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reduction.Ledger.Persistence;
using Reduction.Workflows.Persistence;

namespace Reduction.Ledger.Hosting;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger's database and store on the application database. Needs the runtime's storage options and
    /// clock (AddReductionWorkflows); the database is migrated by <see cref="LedgerDatabase.MigrateAsync"/>.</summary>
    public static IServiceCollection AddReductionLedger(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new LedgerDatabase(sp.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LedgerStore(sp.GetRequiredService<LedgerDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Workflows.Ledger.IAssessmentLedger>(sp => new AssessmentLedger(sp.GetRequiredService<LedgerStore>()));
        return services;
    }
}
