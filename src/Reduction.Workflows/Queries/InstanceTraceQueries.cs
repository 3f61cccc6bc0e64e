using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>An instance's path over its definition (for the canvas' instance view) and, per definition, where its
/// running instances wait. Built from the journal, bookmarks, tasks and timers; the trace is party-scoped as every
/// instance read is (<see cref="ScopeFilters"/>), the waiting counts are aggregates without any party's data.</summary>
public sealed class InstanceTraceQueries(WorkflowDatabase database, DefinitionStore definitions)
{
    /// <summary>The journal event whose data lists the outcomes an activity completed with.</summary>
    private const string CompletedEvent = "activity-completed";

    /// <summary>An outcome emitted while the activity goes on (a task's `overdue`), journaled under its own event.</summary>
    private static readonly Dictionary<string, string> EmittedOutcomes = new(StringComparer.Ordinal) { ["task-overdue"] = "overdue" };

    /// <summary>The trace of <paramref name="instanceId"/>; null when there is none or the caller may not see it.</summary>
    public async Task<InstanceTrace?> TraceAsync(PartyScope scope, Guid instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var instance = await db.Instances.AsNoTracking().VisibleTo(db.Tasks, scope).Where(i => i.Id == instanceId).SingleOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(cancellationToken);
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(cancellationToken);
        var definition = await DefinitionOfAsync(instance, cancellationToken);
        var state = InstanceState.Parse(instance.StateJson);

        var activityOf = bookmarks.ToDictionary(b => b.Id, b => b.ActivityId);
        var finished = instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled;
        var ids = (definition?.Activities.Select(a => a.Id) ?? [])
            .Concat(state.Activities.Keys)
            .Concat(journal.Select(j => j.ActivityId).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var activities = ids.ToDictionary(
            id => id,
            id => new ActivityTrace(
                state.Activities.TryGetValue(id, out var activity) ? activity.Executions : 0,
                !finished && (bookmarks.Any(b => b.ActivityId == id && b.ConsumedAt is null)
                    || (activity?.Status == "waiting" && state.Joins.ContainsKey(id))),
                tasks.Where(t => t.ActivityId == id).OrderBy(t => t.CreatedAt)
                    .Select(t => new TraceTask(t.Id, t.AssigneePartyId, t.Status, t.DueAt)).ToList(),
                timers.Where(t => activityOf.GetValueOrDefault(t.BookmarkId) == id).OrderBy(t => t.DueAt)
                    .Select(t => new TraceTimer(t.Id, t.DueAt, t.Purpose, t.Status)).ToList(),
                journal.Where(j => j.ActivityId == id).Select(j => new TraceJournalLine(j.At, j.Event, j.Message)).ToList()),
            StringComparer.Ordinal);

        return new InstanceTrace(
            instance.Id,
            instance.DefinitionId,
            instance.DefinitionVersion,
            instance.Status,
            activities,
            ConnectionsTaken(definition, journal),
            IncidentOf(instance, state, journal));
    }

    /// <summary>How many running instances of <paramref name="definitionId"/> (of one version, or of all) wait at each
    /// activity: those with an open bookmark there. Activities where none waits are left out.</summary>
    public async Task<IReadOnlyDictionary<string, int>> WaitingAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        await using var db = database.CreateContext();
        var instances = db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId && i.Status == InstanceStatus.Running);
        if (version is { } wanted)
        {
            instances = instances.Where(i => i.DefinitionVersion == wanted);
        }

        var waiting = await instances
            .Join(db.Bookmarks.Where(b => b.ConsumedAt == null), i => i.Id, b => b.InstanceId, (i, b) => new { b.ActivityId, b.InstanceId })
            .Distinct()
            .ToListAsync(cancellationToken);
        return waiting.GroupBy(w => w.ActivityId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    private async Task<WorkflowDefinition?> DefinitionOfAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        try
        {
            return await definitions.GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The connections out of each completed (or outcome-emitting) activity for the outcomes it gave, in the
    /// order first taken; a connection taken several times (a loop) is listed once.</summary>
    private static List<Connection> ConnectionsTaken(WorkflowDefinition? definition, List<JournalRecord> journal)
    {
        var taken = new List<Connection>();
        if (definition is null)
        {
            return taken;
        }

        foreach (var line in journal.Where(j => j.ActivityId is not null))
        {
            foreach (var outcome in OutcomesOf(line))
            {
                foreach (var connection in definition.Connections.Where(c => c.From == line.ActivityId && c.Outcome == outcome))
                {
                    if (!taken.Contains(connection))
                    {
                        taken.Add(connection);
                    }
                }
            }
        }

        return taken;
    }

    private static IEnumerable<string> OutcomesOf(JournalRecord line)
    {
        if (EmittedOutcomes.TryGetValue(line.Event, out var emitted))
        {
            return [emitted];
        }

        if (line.Event != CompletedEvent || line.DataJson is null)
        {
            return [];
        }

        return JsonNode.Parse(line.DataJson)?["outcomes"] is JsonArray outcomes
            ? outcomes.Select(o => o?.GetValue<string>()).OfType<string>().ToList()
            : [];
    }

    private static TraceIncident? IncidentOf(InstanceRecord instance, InstanceState state, List<JournalRecord> journal)
    {
        if (instance.Status != InstanceStatus.Faulted)
        {
            return null;
        }

        var faulted = journal.LastOrDefault(j => j.Event == "faulted");
        return new TraceIncident(state.FaultedActivity ?? faulted?.ActivityId, instance.Incident ?? faulted?.Message ?? "实例处于故障状态", faulted?.At ?? instance.UpdatedAt);
    }
}
