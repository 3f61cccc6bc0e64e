using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>The sanctions registry as a caller may read it: a prefecture its own, every other body all
/// (<see cref="ScopeFilters"/>).</summary>
public sealed class SanctionQueries(WorkflowDatabase database)
{
    /// <summary>Sanctions in force on <paramref name="date"/>; all prefectures the caller sees when
    /// <paramref name="prefectureId"/> is null.</summary>
    public async Task<IReadOnlyList<Sanction>> InForceAsync(PartyScope scope, string? prefectureId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.Sanctions.AsNoTracking().VisibleTo(scope).Where(s => s.StartsOn <= date && (s.EndsOn == null || s.EndsOn > date));
        if (prefectureId is not null)
        {
            query = query.Where(s => s.PrefectureId == prefectureId);
        }

        return (await query.ToListAsync(cancellationToken)).Select(ToSanction).OrderBy(s => s.PrefectureId, StringComparer.Ordinal).ThenBy(s => s.Kind).ToList();
    }

    /// <summary>Every sanction ever recorded that the caller sees, oldest first.</summary>
    public async Task<IReadOnlyList<Sanction>> AllAsync(PartyScope scope, string? prefectureId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.Sanctions.AsNoTracking().VisibleTo(scope);
        if (prefectureId is not null)
        {
            query = query.Where(s => s.PrefectureId == prefectureId);
        }

        return (await query.ToListAsync(cancellationToken)).Select(ToSanction).OrderBy(s => s.StartsOn).ThenBy(s => s.PrefectureId, StringComparer.Ordinal).ToList();
    }

    private static Sanction ToSanction(SanctionRecord record) =>
        new(record.PrefectureId, SanctionKinds.Parse(record.Kind), record.AssessedYear, record.StartsOn, record.EndsOn, record.Basis);
}
