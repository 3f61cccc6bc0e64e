namespace Reduction.Server.Sanctions;

/// <summary>Answer of `GET /api/sanctions/registry`: one page (50, newest assessed year first) and how many match.</summary>
public sealed record SanctionRegistry(int Total, int Page, int PageSize, IReadOnlyList<SanctionRegistryItem> Sanctions);
