using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Sanctions;

/// <summary>Answers other systems: which sanctions are in force for a prefecture on a date.</summary>
public sealed class SanctionRegistry(WorkflowDatabase database)
{
    /// <summary>Sanctions in force on <paramref name="date"/>; all prefectures when <paramref name="prefectureId"/> is null.</summary>
    public async Task<IReadOnlyList<Sanction>> InForceAsync(string? prefectureId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Sanctions.AsNoTracking().Where(s => s.StartsOn <= date && (s.EndsOn == null || s.EndsOn > date));
        if (prefectureId is not null)
        {
            query = query.Where(s => s.PrefectureId == prefectureId);
        }

        return (await query.ToListAsync(cancellationToken)).Select(ToSanction).OrderBy(s => s.PrefectureId, StringComparer.Ordinal).ThenBy(s => s.Kind).ToList();
    }

    /// <summary>Every sanction ever recorded, oldest first.</summary>
    public async Task<IReadOnlyList<Sanction>> AllAsync(string? prefectureId = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Sanctions.AsNoTracking();
        if (prefectureId is not null)
        {
            query = query.Where(s => s.PrefectureId == prefectureId);
        }

        return (await query.ToListAsync(cancellationToken)).Select(ToSanction).OrderBy(s => s.StartsOn).ThenBy(s => s.PrefectureId, StringComparer.Ordinal).ToList();
    }

    private static Sanction ToSanction(SanctionRecord record) =>
        new(record.PrefectureId, SanctionKinds.Parse(record.Kind), record.AssessedYear, record.StartsOn, record.EndsOn, record.Basis);
}
