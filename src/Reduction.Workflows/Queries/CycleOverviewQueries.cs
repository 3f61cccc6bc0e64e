using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Workflows.Queries;

/// <summary>
/// The year at a glance. A cycle year's instances are its <c>annual-cycle</c> (correlation key
/// <c>annual-cycle:{year}</c>) with every instance it started, at any depth, and the <c>lift-sanctions</c> instances whose
/// variable <c>year</c> is the year. Their tasks, within the caller's scope (<see cref="ScopeFilters"/>, in the query),
/// make one cell per assignee and task kind: the task created last is the cell, <see cref="OverviewCell.Count"/> says how
/// many there are. Reads no answers: states, instants and counts only.
/// </summary>
public sealed class CycleOverviewQueries(WorkflowRuntime runtime)
{
    /// <summary>The correlation-key prefix of a year's cycle (<c>annual-cycle:2015</c>).</summary>
    public const string CycleKeyPrefix = "annual-cycle:";

    /// <summary>The definition of a sanction's lift, started on its own with the veto's cycle year.</summary>
    public const string LiftDefinitionId = "lift-sanctions";

    /// <summary>The journal event of a submitted task sent back for revision (data <c>{"taskId"}</c>).</summary>
    public const string ReturnedEvent = "task-returned";

    /// <summary>Nested starts deeper than this are not followed (the shipped cycle nests one level).</summary>
    private const int MaxDepth = 8;

    /// <summary>The task kinds in the order the cycle's year meets them; kinds not listed follow, by name.</summary>
    public static IReadOnlyList<string> KindOrder { get; } =
    [
        "self-check", "annual-plan", "plan-review", TaskKinds.AssessmentData, TaskKinds.DepartmentData, "department-review",
        "government-approval", "supervision-measures", "re-verification",
    ];

    /// <summary>The overview of <paramref name="year"/> as <paramref name="scope"/> may see it; an empty one (not
    /// <see cref="CycleOverview.Started"/>) when the year has no cycle.</summary>
    public async Task<CycleOverview> GetAsync(PartyScope scope, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = runtime.UtcNow();
        await using var db = runtime.Database.CreateContext();
        var instances = await InstancesOfYearAsync(db, year, cancellationToken);
        if (instances.Count == 0)
        {
            return new CycleOverview(year, false, now, [], new OverviewNoticeCounts(0, 0, 0), []);
        }

        var ids = instances.Keys.ToList();
        var rows = await db.Tasks.AsNoTracking().VisibleTo(scope).Where(t => ids.Contains(t.InstanceId))
            .Select(t => new TaskRow(t.Id, t.InstanceId, t.ActivityId, t.Kind, t.AssigneePartyId, t.Status, t.DueAt, t.LateFrom, t.CalendarKey, t.SubmittedLate, t.Revisions, t.CreatedAt))
            .ToListAsync(cancellationToken);
        var groups = rows.GroupBy(r => (r.Party, r.Kind))
            .Select(g => (Latest: g.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Last(), Count: g.Count()))
            .ToList();
        var latest = groups.Select(g => g.Latest.Id).ToList();

        var submissions = (await db.TaskSubmissions.AsNoTracking().Where(s => latest.Contains(s.TaskId))
                .Select(s => new { s.TaskId, s.SubmittedAt }).ToListAsync(cancellationToken))
            .ToLookup(s => s.TaskId, s => s.SubmittedAt);
        var escalations = (await db.Timers.AsNoTracking()
                .Where(t => t.TaskId != null && latest.Contains(t.TaskId.Value) && t.Purpose == PlannedTaskTimer.Escalation && t.Status == TimerStatus.Fired)
                .Select(t => new { TaskId = t.TaskId!.Value, t.DueAt, t.PayloadJson }).ToListAsync(cancellationToken))
            .ToLookup(t => t.TaskId);
        // Only a task answered before and open again, or answered more than once, can have been returned.
        var returns = await ReturnsAsync(db, groups.Select(g => g.Latest).Where(r => (r.Status is TaskState.Open or TaskState.Overdue && r.Revisions > 0) || (r.Status == TaskState.Submitted && r.Revisions > 1)).ToList(), cancellationToken);

        var rules = new EscalationRules(runtime, instances);
        var cells = new List<OverviewCell>(groups.Count);
        foreach (var (task, count) in groups)
        {
            var fired = escalations[task.Id].OrderBy(e => e.DueAt).ToList();
            var (rule, recipients) = fired.Count == 0 ? (null, []) : await rules.OfAsync(task, StepOf(fired[^1].PayloadJson), cancellationToken);
            cells.Add(Cell(task, count, submissions[task.Id].Order().ToList(), returns.GetValueOrDefault(task.Id), fired.Count, rule, recipients, now));
        }

        var order = KindOrder.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        var partyOrder = runtime.Parties.Parties.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        cells = cells
            .OrderBy(c => partyOrder.GetValueOrDefault(c.Party, int.MaxValue)).ThenBy(c => c.Party, StringComparer.Ordinal)
            .ThenBy(c => order.GetValueOrDefault(c.Task, int.MaxValue)).ThenBy(c => c.Task, StringComparer.Ordinal)
            .ToList();

        var notices = await CountAsync(db.Notices.AsNoTracking().VisibleTo(scope), ids, cancellationToken);
        var incidents = await db.Instances.AsNoTracking().VisibleTo(db.Tasks, scope).Where(i => ids.Contains(i.Id) && i.Status == InstanceStatus.Faulted)
            .OrderBy(i => i.UpdatedAt)
            .Select(i => new OverviewIncident(i.Id, i.DefinitionId, i.Incident, i.UpdatedAt)).ToListAsync(cancellationToken);
        return new CycleOverview(
            year,
            true,
            now,
            cells,
            notices,
            incidents);
    }

    /// <summary>The year's notices by state and its number of faulted instances over every party: aggregates without
    /// any party's data, for those who keep the system but read no cycle data (the system administrators).</summary>
    public async Task<OverviewTotals> TotalsAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = runtime.Database.CreateContext();
        var ids = (await InstancesOfYearAsync(db, year, cancellationToken)).Keys.ToList();
        if (ids.Count == 0)
        {
            return new OverviewTotals(new OverviewNoticeCounts(0, 0, 0), 0);
        }

        var notices = await CountAsync(db.Notices.AsNoTracking(), ids, cancellationToken);
        var incidents = await db.Instances.AsNoTracking().CountAsync(i => ids.Contains(i.Id) && i.Status == InstanceStatus.Faulted, cancellationToken);
        return new OverviewTotals(notices, incidents);
    }

    private static async Task<OverviewNoticeCounts> CountAsync(IQueryable<NoticeRecord> notices, List<Guid> instanceIds, CancellationToken cancellationToken)
    {
        var counts = await notices.Where(n => n.InstanceId != null && instanceIds.Contains(n.InstanceId.Value))
            .GroupBy(n => n.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new OverviewNoticeCounts(
            counts.Where(n => n.Status == NoticeStatus.Pending).Sum(n => n.Count),
            counts.Where(n => n.Status == NoticeStatus.Sent).Sum(n => n.Count),
            counts.Where(n => n.Status == NoticeStatus.DeadLetter).Sum(n => n.Count));
    }

    /// <summary>The year's instances by id, with the definition version each runs. With
    /// <paramref name="byVariable"/>, every top-level instance whose <c>year</c> variable is the year counts as well (a
    /// cycle or a drill started by hand without the correlation key), with the instances under it.</summary>
    internal static async Task<Dictionary<Guid, (string DefinitionId, int Version)>> InstancesOfYearAsync(WorkflowDbContext db, int year, CancellationToken cancellationToken, bool byVariable = false)
    {
        var key = CycleKeyPrefix + year.ToString(CultureInfo.InvariantCulture);
        var found = (await db.Instances.AsNoTracking().Where(i => i.CorrelationKey == key)
                .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToListAsync(cancellationToken))
            .ToDictionary(i => i.Id, i => (i.DefinitionId, i.DefinitionVersion));

        // A lift is started by hand long after its cycle; only its variables say which year's veto it lifts.
        var lifts = await db.Instances.AsNoTracking().Where(i => (byVariable || i.DefinitionId == LiftDefinitionId) && i.ParentInstanceId == null)
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion, i.StateJson }).ToListAsync(cancellationToken);
        foreach (var lift in lifts.Where(l => YearOf(l.StateJson) == year))
        {
            found[lift.Id] = (lift.DefinitionId, lift.DefinitionVersion);
        }

        var frontier = found.Keys.ToList();
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var children = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId != null && frontier.Contains(i.ParentInstanceId.Value))
                .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToListAsync(cancellationToken);
            frontier = children.Where(c => found.TryAdd(c.Id, (c.DefinitionId, c.DefinitionVersion))).Select(c => c.Id).ToList();
        }

        return found;
    }

    private static int? YearOf(string stateJson)
    {
        var year = InstanceState.Parse(stateJson).Variables["year"];
        return year is JsonValue value && value.TryGetValue<int>(out var number) ? number
            : year is JsonValue text && text.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number
            : null;
    }

    /// <summary>The last return of each of <paramref name="candidates"/>, from its instance's journal; a task without such
    /// an entry is simply open (or overdue), or answered once.</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> ReturnsAsync(WorkflowDbContext db, List<TaskRow> candidates, CancellationToken cancellationToken)
    {
        var returns = new Dictionary<Guid, DateTimeOffset>();
        if (candidates.Count == 0)
        {
            return returns;
        }

        var instanceIds = candidates.Select(r => r.InstanceId).Distinct().ToList();
        var taskIds = candidates.Select(r => r.Id).ToHashSet();
        var entries = await db.Journal.AsNoTracking().Where(j => instanceIds.Contains(j.InstanceId) && j.Event == ReturnedEvent)
            .Select(j => new { j.At, j.DataJson }).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            if (TaskIdOf(entry.DataJson) is { } id && taskIds.Contains(id) && (!returns.TryGetValue(id, out var at) || entry.At > at))
            {
                returns[id] = entry.At;
            }
        }

        return returns;
    }

    private static Guid? TaskIdOf(string? dataJson)
    {
        try
        {
            return dataJson is not null && JsonNode.Parse(dataJson)?["taskId"] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static int StepOf(string? payloadJson)
    {
        try
        {
            return payloadJson is not null && JsonNode.Parse(payloadJson)?["step"] is JsonValue value && value.TryGetValue<int>(out var step) ? step : 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return 0;
        }
    }

    private OverviewCell Cell(TaskRow task, int count, List<DateTimeOffset> submissions, DateTimeOffset? returnedAt, int escalationLevel, string? rule, IReadOnlyList<string> recipients, DateTimeOffset now)
    {
        var today = BeijingTime.DateOf(now);
        var dueDate = BeijingTime.DateOf(task.DueAt);
        var answered = task.Status == TaskState.Submitted;
        var lastAnswer = submissions.Count == 0 ? (DateTimeOffset?)null : submissions[^1];
        var returned = !answered && returnedAt is { } r && lastAnswer is { } l && r >= l && task.Status != TaskState.Cancelled;

        // The answer that closed the current round: the first after the last return, else the first.
        DateTimeOffset? submittedAt = null;
        if (answered && submissions.Count > 0)
        {
            submittedAt = submissions.Where(s => returnedAt is not { } back || s >= back).DefaultIfEmpty(submissions[0]).First();
        }

        var late = now >= task.LateFrom;
        var state = task.Status switch
        {
            TaskState.Cancelled => OverviewStates.Cancelled,
            TaskState.Submitted => task.SubmittedLate ? OverviewStates.SubmittedLate : OverviewStates.Submitted,
            _ when task.Status == TaskState.Overdue || late => OverviewStates.Overdue,
            _ when returned => OverviewStates.Returned,
            _ => OverviewStates.Open,
        };
        int? lateBy = state switch
        {
            OverviewStates.SubmittedLate when submittedAt is { } at => Math.Max(1, BeijingTime.DateOf(at).DayNumber - dueDate.DayNumber),
            OverviewStates.Overdue => Math.Max(1, today.DayNumber - dueDate.DayNumber),
            _ => null,
        };
        var waiting = state is OverviewStates.Open or OverviewStates.Returned;
        return new OverviewCell(
            task.Party,
            runtime.Parties.FindById(task.Party)?.NameOn(dueDate).Name ?? task.Party,
            task.Kind,
            TaskKinds.DisplayName(task.Kind),
            task.Id,
            state,
            task.DueAt,
            submittedAt,
            lateBy,
            escalationLevel,
            waiting ? Math.Max(0, dueDate.DayNumber - today.DayNumber) : null,
            waiting ? WorkingDaysLeft(today, dueDate, task.CalendarKey) : null,
            rule,
            recipients,
            count);
    }

    private int? WorkingDaysLeft(DateOnly today, DateOnly dueDate, string? calendarKey)
    {
        try
        {
            return dueDate > today ? runtime.Calendar.CountWorkingDays(today.AddDays(1), dueDate, calendarKey) : 0;
        }
        catch (CalendarDataMissingException)
        {
            return null;
        }
    }

    private sealed record TaskRow(
        Guid Id,
        Guid InstanceId,
        string ActivityId,
        string Kind,
        string Party,
        TaskState Status,
        DateTimeOffset DueAt,
        DateTimeOffset LateFrom,
        string? CalendarKey,
        bool SubmittedLate,
        int Revisions,
        DateTimeOffset CreatedAt);

    /// <summary>The escalation steps of the task activities, read from the versions the instances run, once each.</summary>
    private sealed class EscalationRules(WorkflowRuntime runtime, Dictionary<Guid, (string DefinitionId, int Version)> instances)
    {
        private readonly Dictionary<(string, int, string), IReadOnlyList<EscalationStep>> _steps = [];

        public async Task<(string? Rule, IReadOnlyList<string> Recipients)> OfAsync(TaskRow task, int step, CancellationToken cancellationToken)
        {
            if (!instances.TryGetValue(task.InstanceId, out var version))
            {
                return (null, []);
            }

            var key = (version.DefinitionId, version.Version, task.ActivityId);
            if (!_steps.TryGetValue(key, out var steps))
            {
                steps = await LoadAsync(version.DefinitionId, version.Version, task.ActivityId, cancellationToken);
                _steps[key] = steps;
            }

            return step >= 0 && step < steps.Count ? (steps[step].After, steps[step].RecipientRoles) : (null, []);
        }

        private async Task<IReadOnlyList<EscalationStep>> LoadAsync(string definitionId, int version, string activityId, CancellationToken cancellationToken)
        {
            try
            {
                var definition = await runtime.Definitions.GetDefinitionAsync(definitionId, version, cancellationToken);
                return definition.Activities.FirstOrDefault(a => string.Equals(a.Id, activityId, StringComparison.Ordinal)) is { } node
                    && runtime.Registry.Create(node) is IssueTask issue
                    ? issue.Escalation
                    : [];
            }
            catch (Exception e) when (e is WorkflowNotFoundException or ActivityInputException)
            {
                return [];
            }
        }
    }
}
