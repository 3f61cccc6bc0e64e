using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>The sanctions registry as a caller may read it: a prefecture its own, every other body all
/// (<see cref="ScopeFilters"/>).</summary>
public sealed class SanctionQueries(WorkflowDatabase database, PartyDirectory? parties = null)
{
    private readonly PartyDirectory _parties = parties ?? PartyDirectory.LoadDefault();

    /// <summary>A page of the sanctions in <paramref name="scope"/> matching <paramref name="filter"/>, newest assessed
    /// year first, each with its state and lifts. The scope and the stored fields filter in the database; the state
    /// needs the lift instances' variables and is applied to what that leaves (a few records per failed prefecture
    /// and year).</summary>
    public async Task<SanctionPage> PageAsync(PartyScope scope, SanctionFilter? filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        filter ??= SanctionFilter.None;
        await using var db = database.CreateContext();
        var query = db.Sanctions.AsNoTracking().VisibleTo(scope);
        if (filter.PrefectureId is { } prefecture)
        {
            query = query.Where(s => s.PrefectureId == prefecture);
        }

        if (filter.AssessedYear is { } year)
        {
            query = query.Where(s => s.AssessedYear == year);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (filter.State == SanctionState.Lifted)
        {
            query = query.Where(s => s.EndsOn != null);
        }
        else if (filter.State is not null)
        {
            query = query.Where(s => s.EndsOn == null);
        }

        var records = await query.ToListAsync(cancellationToken);
        var lifts = await LiftInstances.ReadAsync(db, _parties, cancellationToken);
        var entries = records.Select(r => ToEntry(r, lifts))
            .Where(e => filter.State is null || e.State == filter.State)
            .OrderByDescending(e => e.AssessedYear).ThenBy(e => e.PrefectureId, StringComparer.Ordinal).ThenBy(e => e.Kind)
            .ToList();
        return new SanctionPage(entries.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).ToList(), entries.Count);
    }

    /// <summary>Null when there is no such sanction or the caller may not see it.</summary>
    public async Task<SanctionEntry?> GetAsync(PartyScope scope, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var record = await db.Sanctions.AsNoTracking().VisibleTo(scope).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return record is null ? null : ToEntry(record, await LiftInstances.ReadAsync(db, _parties, cancellationToken));
    }
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

    private static SanctionEntry ToEntry(SanctionRecord record, IReadOnlyList<SanctionLift> lifts)
    {
        var own = lifts.Where(l => l.PrefectureId == record.PrefectureId && l.AssessedYear == record.AssessedYear).ToList();
        var state = record.EndsOn is not null ? SanctionState.Lifted : own.Any(l => l.IsActive) ? SanctionState.Lifting : SanctionState.InForce;
        return new SanctionEntry(record.Id, record.PrefectureId, SanctionKinds.Parse(record.Kind), record.AssessedYear, record.StartsOn, record.EndsOn,
            record.Basis, record.LiftReason, record.InstanceId, state, own);
    }

    private static Sanction ToSanction(SanctionRecord record) =>
        new(record.PrefectureId, SanctionKinds.Parse(record.Kind), record.AssessedYear, record.StartsOn, record.EndsOn, record.Basis);
}
