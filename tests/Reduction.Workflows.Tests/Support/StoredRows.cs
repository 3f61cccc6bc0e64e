using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Support;

/// <summary>The engine's rows as stored, for tests that check what the runtime wrote (the product reads through the
/// scoped queries).</summary>
internal static class StoredRows
{
    public static async Task<InstanceRecord?> StoredInstanceAsync(this WorkflowRuntime runtime, Guid instanceId)
    {
        await using var db = runtime.Database.CreateContext();
        return await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId);
    }

    public static async Task<IReadOnlyList<JournalRecord>> StoredJournalAsync(this WorkflowRuntime runtime, Guid instanceId)
    {
        await using var db = runtime.Database.CreateContext();
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync();
    }

    /// <summary>The instances of a definition, newest first.</summary>
    public static async Task<IReadOnlyList<InstanceRecord>> StoredInstancesAsync(this WorkflowRuntime runtime, string definitionId)
    {
        await using var db = runtime.Database.CreateContext();
        return (await db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId).ToListAsync()).OrderByDescending(i => i.CreatedAt).ToList();
    }
}
