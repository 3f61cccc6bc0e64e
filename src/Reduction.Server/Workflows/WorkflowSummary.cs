using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>A workflow of `GET /api/workflows`: its latest published version (0 and no instant when only a draft
/// exists, which nothing can start yet), who published it and from where, the unpublished draft if any, and how many
/// instances each version has by status (`running`, `completed`, …).</summary>
public sealed record WorkflowSummary(
    string Id,
    string Name,
    int Version,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    string? Source,
    DraftState? Draft,
    IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> Instances)
{
    public static WorkflowSummary From(DefinitionOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new(
            overview.Id,
            overview.Name,
            overview.LatestVersion ?? 0,
            overview.PublishedAt,
            overview.PublishedBy,
            overview.Source,
            overview.Draft is { } draft ? new DraftState(draft.ChangedBy, draft.ChangedAt) : null,
            overview.Instances.ToDictionary(
                v => v.Key,
                v => (IReadOnlyDictionary<string, int>)v.Value.ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value)));
    }
}
