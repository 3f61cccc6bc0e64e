using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Definitions;

/// <summary>Every definition at a glance, for the definitions list and `GET /api/workflows`: two reads (the version
/// rows without their JSON, and the instance counts grouped in the database), whatever the number of definitions.</summary>
public sealed class DefinitionCatalog(WorkflowDatabase database)
{
    /// <summary>Every definition, published or draft only, ordered by id.</summary>
    public async Task<IReadOnlyList<DefinitionOverview>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Definitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.IsLatest, d.CreatedAt, d.PublishedAt, d.ChangedBy, d.Source, d.SourceName })
            .ToListAsync(cancellationToken);
        var counts = await db.Instances.AsNoTracking()
            .GroupBy(i => new { i.DefinitionId, i.DefinitionVersion, i.Status })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var countsOf = counts.GroupBy(c => c.DefinitionId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<int, IReadOnlyDictionary<InstanceStatus, int>>)g.GroupBy(c => c.DefinitionVersion)
                .ToDictionary(v => v.Key, v => (IReadOnlyDictionary<InstanceStatus, int>)v.ToDictionary(c => c.Status, c => c.Count)),
            StringComparer.Ordinal);
        var none = new Dictionary<int, IReadOnlyDictionary<InstanceStatus, int>>();

        return rows.GroupBy(r => r.DefinitionId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var draft = g.FirstOrDefault(r => r.Version == 0);
                var latest = g.FirstOrDefault(r => r.IsLatest);
                return new DefinitionOverview(
                    g.Key,
                    latest?.Name ?? draft?.Name ?? g.Key,
                    latest?.Version,
                    latest?.PublishedAt,
                    latest?.ChangedBy,
                    latest?.Source,
                    latest?.SourceName,
                    draft is null ? null : new DraftInfo(draft.ChangedBy, draft.CreatedAt),
                    g.Where(r => r.Version > 0).Select(r => r.Version).OrderDescending().ToList(),
                    countsOf.GetValueOrDefault(g.Key) ?? none);
            })
            .ToList();
    }
}
