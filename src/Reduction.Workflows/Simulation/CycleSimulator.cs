using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Activities.Assessment;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tasks;

namespace Reduction.Workflows.Simulation;

/// <summary>Runs the shipped definitions on the real engine and a virtual clock through one cycle year:
/// the yearly cron trigger starts the cycle, parties answer as the scenario says, and the timeline is read
/// back from the journal, the outbox and the sanctions registry.</summary>
public sealed class CycleSimulator
{
    private const string CycleDefinition = "annual-cycle";
    private readonly PartyDirectory _parties;
    private readonly OfficialCalendar _calendar;

    public CycleSimulator(PartyDirectory? parties = null, OfficialCalendar? calendar = null)
    {
        _parties = parties ?? PartyDirectory.LoadDefault();
        _calendar = calendar ?? OfficialCalendar.LoadDefault();
    }

    /// <summary>Simulates cycle year <paramref name="year"/> with the definitions in <paramref name="workflowsFolder"/>.</summary>
    public async Task<SimulationResult> RunAsync(int year, SimulationScenario scenario, string workflowsFolder, CancellationToken cancellationToken = default)
    {
        if (PlanPeriodCatalog.LoadDefault().FindByYear(year - 1) is null)
        {
            throw new SimulationScenarioException("--year", $"{year - 1}年不在任何规划期内，无法考核", $"year {year - 1} is not covered by any plan period");
        }

        return await WithSimulationAsync(new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), workflowsFolder, async (runtime, scheduler, clock) =>
        {
            await DriveAsync(runtime, scheduler, clock, new TaskService(runtime), scenario, year, cancellationToken);
            return await CollectAsync(runtime, year, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>What starting cycle year <paramref name="year"/> at <paramref name="startAt"/> does at once: the cycle is
    /// started on a throw-away database with the clock at that instant and every timer already due fires, as the
    /// servers would fire them on a late start; nobody answers (no one could have before the start).</summary>
    public async Task<StartPreview> PreviewStartAsync(int year, DateTimeOffset startAt, string workflowsFolder, CancellationToken cancellationToken = default)
    {
        return await WithSimulationAsync(startAt, workflowsFolder, async (runtime, scheduler, _) =>
        {
            await runtime.StartAsync(CycleDefinition, new JsonObject { ["year"] = year }, $"{CycleDefinition}:{year}", cancellationToken: cancellationToken);
            await scheduler.RunPendingAsync(cancellationToken);
            var result = await CollectAsync(runtime, year, cancellationToken);
            await using var db = runtime.Database.CreateContext();
            var tasks = await db.Tasks.AsNoTracking().ToListAsync(cancellationToken);
            var journal = await db.Journal.AsNoTracking().Where(j => j.Event == IssueTask.ReminderSkippedEvent || j.Event == "escalation").ToListAsync(cancellationToken);
            var lateEscalations = journal.Count(j => j.Event == "escalation" && j.DataJson is { } json && JsonNode.Parse(json)?["sentLate"]?.GetValue<bool>() == true);
            return new StartPreview(
                year,
                startAt,
                tasks.Count,
                tasks.Count(t => t.Status == TaskState.Overdue),
                tasks.Count(t => t.DueAt < startAt && t.Status != TaskState.Overdue),
                journal.Count(j => j.Event == IssueTask.ReminderSkippedEvent),
                lateEscalations,
                result.Events.Where(e => e.Kind == "notice").GroupBy(e => e.Notice!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                result.Events,
                result.CycleStatus);
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="run"/> on the engine over a throw-away SQLite database with the definitions of
    /// <paramref name="workflowsFolder"/> published and a virtual clock at <paramref name="clockStart"/>.</summary>
    private async Task<T> WithSimulationAsync<T>(DateTimeOffset clockStart, string workflowsFolder, Func<WorkflowRuntime, VirtualClockScheduler, VirtualTimeProvider, Task<T>> run, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reduction-simulation-{Guid.NewGuid():N}.db");
        try
        {
            var database = new WorkflowDatabase(new WorkflowStorageOptions { SqliteConnectionString = $"Data Source={file}", SqliteSyncCommits = false });
            await database.MigrateAsync(cancellationToken);
            var clock = new VirtualTimeProvider(clockStart);
            var scheduler = new VirtualClockScheduler(clock.GetUtcNow, clock.SetUtcNow);
            var runtime = new WorkflowRuntime(database, scheduler, clock, _calendar, _parties);
            scheduler.Runtime = runtime;
            foreach (var path in Directory.GetFiles(workflowsFolder, "*.json").Order(StringComparer.Ordinal))
            {
                await runtime.Definitions.PublishAsync(DefinitionJson.Parse(await File.ReadAllTextAsync(path, cancellationToken), path), cancellationToken);
            }

            return await run(runtime, scheduler, clock);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The tasks still to be answered, oldest first: the drive looks at them after every step, and a national
    /// year's closed tasks outnumber them.</summary>
    private static async Task<List<TaskRecord>> OpenTasksAsync(WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.CreateContext();
        return await db.Tasks.AsNoTracking()
            .Where(t => t.ClosedAt == null && t.Status != TaskState.Submitted && t.Status != TaskState.Cancelled)
            .OrderBy(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    private async Task DriveAsync(WorkflowRuntime runtime, VirtualClockScheduler scheduler, VirtualTimeProvider clock, TaskService tasks, SimulationScenario scenario, int year, CancellationToken cancellationToken)
    {
        var horizon = new DateTimeOffset(year + 1, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));
        var planned = new HashSet<(Guid TaskId, string Assignee)>();
        var answers = new PriorityQueue<(Guid TaskId, string Assignee, JsonObject Data), (DateTimeOffset At, long Sequence)>();
        long sequence = 0;
        for (var step = 0; step < 1_000_000; step++)
        {
            await scheduler.RunPendingAsync(cancellationToken);
            foreach (var task in await OpenTasksAsync(runtime, cancellationToken))
            {
                if (task.ClosedAt is not null || task.Status is TaskState.Submitted or TaskState.Cancelled || !planned.Add((task.Id, task.AssigneePartyId)))
                {
                    continue;
                }

                var behaviour = scenario.For(task.AssigneePartyId, task.Kind);
                if (task.ReassignedFromPartyId is { } original && task.Kind == "assessment-data")
                {
                    // The EPB fills in a silent prefecture's data with what the scenario says that prefecture's case is.
                    var prefectureBehaviour = scenario.For(original, task.Kind);
                    behaviour = behaviour with { Data = prefectureBehaviour.Data };
                }

                if (behaviour.Never)
                {
                    continue;
                }

                var at = behaviour.SubmitAt ?? DefaultAnswerTime(task, clock.GetUtcNow());
                answers.Enqueue((task.Id, task.AssigneePartyId, AnswerData(task, behaviour, year)), (at < clock.GetUtcNow() ? clock.GetUtcNow() : at, sequence++));
            }

            var nextTimer = scheduler.NextDueAt;
            var hasAnswer = answers.TryPeek(out _, out var nextAnswer);
            if (nextTimer is null && !hasAnswer)
            {
                break;
            }

            if (hasAnswer && (nextTimer is null || nextAnswer.At <= nextTimer))
            {
                if (nextAnswer.At > horizon)
                {
                    break;
                }

                await scheduler.RunUntilAsync(nextAnswer.At, cancellationToken);
                var (taskId, assignee, data) = answers.Dequeue();
                var current = await tasks.GetAsync(taskId, cancellationToken);
                if (current is not null && current.AssigneePartyId == assignee)
                {
                    await tasks.CompleteAsync(taskId, data, $"simulation:{assignee}", cancellationToken);
                }
            }
            else
            {
                if (nextTimer > horizon)
                {
                    break;
                }

                await scheduler.RunUntilAsync(nextTimer!.Value, cancellationToken);
            }
        }
    }

    private DateTimeOffset DefaultAnswerTime(TaskRecord task, DateTimeOffset now)
    {
        var issued = BeijingTime.DateOf(now > task.CreatedAt ? now : task.CreatedAt);
        var day = _calendar.AddWorkingDays(issued, 1, task.CalendarKey);
        return BeijingTime.StartOfDay(day).AddHours(10);
    }

    private static JsonObject AnswerData(TaskRecord task, TaskBehaviour behaviour, int year)
    {
        if (task.Kind == "assessment-data")
        {
            return behaviour.Data["case"] is JsonObject scenarioCase ? (JsonObject)scenarioCase.DeepClone() : PassingCase(year - 1);
        }

        var data = task.Kind switch
        {
            "plan-review" => new JsonObject { ["decision"] = "accept" },
            "department-review" => new JsonObject { ["decision"] = "agree" },
            "government-approval" => new JsonObject { ["decision"] = "approve" },
            "re-verification" => new JsonObject { ["decision"] = "fixed" },
            _ => new JsonObject { ["summary"] = "按要求报送" },
        };
        foreach (var (name, value) in behaviour.Data)
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }

    /// <summary>A case that passes every criterion of the plan period covering <paramref name="assessedYear"/>.</summary>
    public static JsonObject PassingCase(int assessedYear)
    {
        var period = PlanPeriodCatalog.LoadDefault().FindByYear(assessedYear)
            ?? throw new InvalidOperationException($"no plan period covers {assessedYear}");
        return new JsonObject
        {
            ["pollutants"] = new JsonArray(period.Pollutants.Select(p => (JsonNode?)new JsonObject
            {
                ["code"] = p.Code,
                ["actualTonnes"] = 900,
                ["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 1000 },
            }).ToArray()),
            ["keyProjects"] = new JsonArray(),
            ["monitoring"] = new JsonObject
            {
                ["transmission"] = new JsonObject { ["due"] = 1000, ["received"] = 1000, ["valid"] = 980 },
                ["selfMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
                ["supervisoryMonitoringPublication"] = new JsonObject { ["published"] = 10, ["required"] = 10 },
            },
        };
    }

    private async Task<SimulationResult> CollectAsync(WorkflowRuntime runtime, int year, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.CreateContext();
        var tasks = await db.Tasks.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
        var events = new List<SimulationEvent>();
        DateOnly? resultsOn = null;
        foreach (var entry in await db.Journal.AsNoTracking().OrderBy(j => j.Id).ToListAsync(cancellationToken))
        {
            var data = entry.DataJson is null ? null : JsonNode.Parse(entry.DataJson) as JsonObject;
            var task = data?["taskId"]?.GetValue<string>() is { } id && tasks.TryGetValue(Guid.Parse(id), out var found) ? found : null;
            var on = BeijingTime.DateOf(entry.At);
            switch (entry.Event)
            {
                case "task-issued" or "task-overdue" or "task-reassigned" when task is not null:
                    events.Add(new SimulationEvent(entry.At, entry.Event, Task: task.Kind, Party: Name(Concerned(task, data), on), Detail: entry.Message));
                    break;
                case "escalation" when task is not null:
                    var notified = (data?["recipientRoles"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToList();
                    events.Add(new SimulationEvent(entry.At, "escalation", Task: task.Kind, Party: Name(Concerned(task, data), on), RecipientRoles: notified, Detail: entry.Message));
                    break;
                case "task-submitted" when task is not null:
                    events.Add(new SimulationEvent(entry.At, "task-submitted", Task: task.Kind, Party: Name(Concerned(task, data), on), Detail: entry.Message));
                    if (task.Kind == "government-approval")
                    {
                        var decision = (await db.TaskSubmissions.AsNoTracking().Where(s => s.TaskId == task.Id).OrderByDescending(s => s.Revision).FirstAsync(cancellationToken)).DataJson;
                        events.Add(new SimulationEvent(entry.At, "approval", Task: task.Kind, Party: Name(task.AssigneePartyId, on),
                            Detail: JsonNode.Parse(decision)?["decision"]?.GetValue<string>() ?? "approve"));
                        resultsOn = on;
                    }

                    break;
                case "verdict":
                    foreach (var result in data?["results"] as JsonArray ?? [])
                    {
                        events.Add(new SimulationEvent(entry.At, "verdict", Party: Name(result!["prefecture"]!.GetValue<string>(), on), Detail: result["verdict"]!.GetValue<string>()));
                    }

                    resultsOn ??= on;

                    break;
                case EvaluateAssessment.HeldBackEvent:
                    events.Add(new SimulationEvent(entry.At, entry.Event, Party: Name(data!["prefecture"]!.GetValue<string>(), on), Detail: entry.Message));
                    break;
                case "incident" or "faulted":
                    events.Add(new SimulationEvent(entry.At, entry.Event, Detail: entry.Message));
                    break;
                case "sanction-started" or "sanction-lifted":
                    events.Add(new SimulationEvent(entry.At, entry.Event, Party: Name(data!["prefecture"]!.GetValue<string>(), on), Detail: data["kind"]!.GetValue<string>()));
                    break;
                default:
                    break;
            }
        }

        foreach (var notice in (await db.Notices.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(n => n.CreatedAt).ThenBy(n => n.TemplateKey, StringComparer.Ordinal).ThenBy(n => n.IdempotencyKey, StringComparer.Ordinal))
        {
            var on = BeijingTime.DateOf(notice.CreatedAt);
            var parties = JsonSerializer.Deserialize<List<string>>(notice.RecipientPartiesJson) ?? [];
            var roles = JsonSerializer.Deserialize<List<string>>(notice.RecipientRolesJson) ?? [];
            var allRoles = roles.Concat(parties.Select(p => _parties.FindById(p) is { } party ? PartyRoles.ToCode(party.Role) : null).OfType<string>())
                .Distinct(StringComparer.Ordinal).ToList();
            var task = notice.TaskId is { } taskId && tasks.TryGetValue(taskId, out var t) ? t : null;

            // A task's notice is about the party whose task it is (the prefecture an escalation chases), not its recipients.
            var concerned = task is not null ? Name(task.ReassignedFromPartyId ?? task.AssigneePartyId, on)
                : parties.Count > 0 ? string.Join("、", parties.Select(p => Name(p, on))) : null;
            events.Add(new SimulationEvent(notice.CreatedAt, "notice", Notice: notice.TemplateKey, Task: task?.Kind, Party: concerned, RecipientRoles: allRoles)
            {
                Model = JsonNode.Parse(notice.ModelJson) as JsonObject,
                RecipientParties = parties,
                AddressedRoles = roles,
            });
        }

        var cycle = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == CycleDefinition).OrderBy(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var verdicts = new List<SimulationVerdict>();
        if (cycle is not null && InstanceState.Parse(cycle.StateJson).Variables["results"] is JsonArray results)
        {
            foreach (var result in results)
            {
                var id = result!["prefecture"]!.GetValue<string>();
                // Named as on the day the results were approved (the result notices' date), as the timeline names them.
                verdicts.Add(new SimulationVerdict(id, Name(id, resultsOn ?? new DateOnly(year - 1, 12, 31)), result["verdict"]!.GetValue<string>()));
            }
        }

        var sanctions = await new SanctionQueries(runtime.Database, _parties).AllAsync(PartyScope.Everything, cancellationToken: cancellationToken); // the simulator is the engine's own work
        // Events of one instant in the order they happened (the journal's), so a submission comes before the review it
        // issued; the notices of that instant after them (a stable sort keeps both orders).
        var ordered = events.OrderBy(e => e.At).ThenBy(e => e.Kind == "notice" ? 1 : 0).ToList();
        return new SimulationResult(year, ordered, verdicts, sanctions, cycle?.Status.ToString() ?? "NotStarted");
    }

    // The party whose task it is: a silent prefecture's task handed to the EPB still concerns that prefecture.
    private static string Concerned(TaskRecord task, JsonObject? data) =>
        task.ReassignedFromPartyId ?? data?["party"]?.GetValue<string>() ?? task.AssigneePartyId;

    private string Name(string partyId, DateOnly on) => _parties.FindById(partyId)?.NameOn(on).Name ?? partyId;
}
