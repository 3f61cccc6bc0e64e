using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>`GET /api/workflows/{id}/versions`: the draft (null when none) and the versions, newest first.</summary>
public sealed record VersionHistory(string Id, DraftState? Draft, IReadOnlyList<VersionEntry> Versions)
{
    /// <summary>The history as the store has it, with each version's instances by status; null for an unknown id.
    /// The API and the designer's versions panel both read it here.</summary>
    public static async Task<VersionHistory?> LoadAsync(DefinitionStore store, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = await store.ListVersionsAsync(id, cancellationToken);
        if (records.Count == 0)
        {
            return null;
        }

        var counts = await store.CountInstancesAsync(id, cancellationToken);
        var draft = records.FirstOrDefault(r => r.IsDraft);
        var versions = records.Where(r => !r.IsDraft).Select(r => new VersionEntry(
            r.Version,
            r.PublishedAt,
            r.ChangedBy,
            r.Source,
            r.SourceName,
            r.Note,
            r.IsLatest,
            counts.TryGetValue(r.Version, out var byStatus)
                ? byStatus.ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value)
                : new Dictionary<string, int>())).ToList();
        return new VersionHistory(id, draft is null ? null : new DraftState(draft.ChangedBy, draft.CreatedAt), versions);
    }
}
