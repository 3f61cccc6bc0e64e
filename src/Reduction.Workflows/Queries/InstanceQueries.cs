using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>Instances as a caller may read them: those with a task the caller sees (<see cref="ScopeFilters"/>).</summary>
public sealed class InstanceQueries(WorkflowDatabase database)
{
    /// <summary>Newest first, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<InstanceInfo>> ListAsync(
        PartyScope scope,
        string? definitionId = null,
        InstanceStatus? status = null,
        int take = 100,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.Instances.AsNoTracking().VisibleTo(db.Tasks, scope);
        if (definitionId is not null)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }

        return await query.OrderByDescending(i => i.CreatedAt).Take(take).Select(Info).ToListAsync(cancellationToken);
    }

    /// <summary>One page of the instances the caller sees, newest first, with the number of all that match:
    /// <paramref name="party"/> keeps the instances with a task of that party, <paramref name="year"/> those of that
    /// cycle year (its <c>annual-cycle</c>, every instance started under it and the year's lifts, as the year at a
    /// glance counts them, and any other top-level instance whose <c>year</c> variable is that year, with those under
    /// it).</summary>
    public async Task<InstancePage> PageAsync(
        PartyScope scope,
        string? definitionId,
        int? version,
        InstanceStatus? status,
        string? party,
        int? year,
        int skip,
        int take,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.Instances.AsNoTracking().VisibleTo(db.Tasks, scope);
        if (definitionId is not null)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (version is { } v)
        {
            query = query.Where(i => i.DefinitionVersion == v);
        }

        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }

        if (party is not null)
        {
            query = query.Where(i => db.Tasks.Any(t => t.InstanceId == i.Id && t.AssigneePartyId == party));
        }

        if (year is { } cycleYear)
        {
            var ofYear = (await CycleOverviewQueries.InstancesOfYearAsync(db, cycleYear, cancellationToken, byVariable: true)).Keys.ToList();
            query = query.Where(i => ofYear.Contains(i.Id));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).Select(Info).ToListAsync(cancellationToken);
        // Whom each instance's tasks are for, as far as the caller may see them: the list tells the seven plans apart.
        var ids = items.Select(i => i.Id).ToList();
        var assignees = (await db.Tasks.AsNoTracking().VisibleTo(scope).Where(t => ids.Contains(t.InstanceId))
                .Select(t => new { t.InstanceId, t.AssigneePartyId }).Distinct().ToListAsync(cancellationToken))
            .GroupBy(t => t.InstanceId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.AssigneePartyId).Order(StringComparer.Ordinal).ToList());
        return new InstancePage(items, total, assignees);
    }

    /// <summary>The instance without state or journal; null when there is none or the caller may not see it.</summary>
    public async Task<InstanceInfo?> FindAsync(PartyScope scope, Guid instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        return await db.Instances.AsNoTracking().VisibleTo(db.Tasks, scope).Where(i => i.Id == instanceId).Select(Info).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The instance with its variables and journal; null when there is none or the caller may not see it.</summary>
    public async Task<InstanceDetail?> GetAsync(PartyScope scope, Guid instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var found = await db.Instances.AsNoTracking().VisibleTo(db.Tasks, scope).Where(i => i.Id == instanceId)
            .Select(i => new { Info = new InstanceInfo(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationKey, i.ParentInstanceId, i.Incident, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.Revision), i.StateJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(cancellationToken);
        return new InstanceDetail(
            found.Info,
            InstanceState.Parse(found.StateJson).Variables,
            journal.Select(j => new JournalLine(j.Id, j.At, j.ActivityId, j.Event, j.Message, j.DataJson is null ? null : JsonNode.Parse(j.DataJson))).ToList());
    }

    private static readonly System.Linq.Expressions.Expression<Func<InstanceRecord, InstanceInfo>> Info = i => new InstanceInfo(
        i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationKey, i.ParentInstanceId, i.Incident, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.Revision);
}
